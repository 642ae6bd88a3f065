/**
 * The web chat page: one self-contained HTML document (inline CSS and JS, no external assets) so it
 * loads fast on a cheap phone over a slow network and leaves no third-party trace. It talks to
 * `POST /api/chat` and `POST /api/chat/media` (see CONTRACT.md "Web chat").
 *
 * Safety properties the page keeps:
 * - Server and user text is only ever put into the DOM with `textContent` (never `innerHTML`).
 * - The conversation token lives in `sessionStorage` only: reloading the tab resumes, closing it
 *   forgets; no cookies, no localStorage.
 * - "Keluar cepat" (or Escape pressed three times) wipes the page and sessionStorage and replaces
 *   the location with a neutral weather search, so Back does not return here.
 * - Works under a strict CSP ({@link chatPageCsp}): no inline style attributes, nonce on <script>
 *   and <style>.
 */

/** Where the quick-exit button sends the person: a neutral weather search. */
export const QUICK_EXIT_URL = 'https://www.google.com/search?q=cuaca+pontianak';

/** sessionStorage key holding the conversation token, the visible log and the last prompt. */
export const CHAT_STORAGE_KEY = 'waspada.chat';

export type ChatPageLocale = 'id' | 'en';

export type ChatPageOptions = {
  /** Initial language of the page chrome (the person can toggle). */
  locale: ChatPageLocale;
  /** Per-response CSP nonce; must be the same one passed to {@link chatPageCsp}. */
  nonce: string;
};

/**
 * The Content-Security-Policy the chat page is built for. Serve the page with exactly this header
 * so the page and its policy cannot drift apart.
 *
 * ```ts
 * const nonce = randomBytes(16).toString('base64');
 * reply.header('content-security-policy', chatPageCsp(nonce)).type('text/html')
 *   .send(renderChatPage({ locale: 'id', nonce }));
 * ```
 */
export function chatPageCsp(nonce: string): string {
  const n = cleanNonce(nonce);
  return [
    "default-src 'none'",
    `script-src 'nonce-${n}'`,
    `style-src 'nonce-${n}'`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** UI chrome strings, both languages shipped in the page so the toggle needs no request. */
const STRINGS = {
  id: {
    tagline: 'Laporan rahasia: perdagangan orang & kerja ke luar negeri',
    exit: 'Keluar cepat',
    exitHint: 'Keluar cepat: tekan tombol merah atau Esc tiga kali.',
    lang: 'EN',
    langLabel: 'Switch to English',
    anon: 'Kami tidak meminta nama Anda. Tidak perlu menulis nama, NIK, atau nomor HP Anda.',
    tipTitle: 'Cara menghapus jejak percakapan ini',
    tip: 'Percakapan ini hilang saat tab ditutup; tidak ada cookie. Setelah selesai, tekan «Keluar cepat», lalu hapus riwayat browser (menu ⋮ › Riwayat › Hapus data penjelajahan). Catat kode tanda terima di tempat yang aman.',
    danger: 'Dalam bahaya sekarang? Telepon 110 (Polisi) atau 129 (SAPA).',
    log: 'Percakapan',
    choices: 'Pilihan jawaban',
    input: 'Tulis pesan',
    placeholder: 'Tulis di sini…',
    send: 'Kirim',
    file: 'Pilih foto, PDF atau rekaman suara',
    fileHint: 'Foto, PDF atau rekaman suara.',
    you: 'Anda:',
    bot: 'Waspada:',
    attached: 'Berkas: ',
    sending: 'Mengirim…',
    uploading: 'Mengunggah…',
    retry: 'Coba lagi',
    offline: 'Belum terkirim. Periksa koneksi internet Anda, lalu coba lagi. Tulisan Anda masih tersimpan.',
    tooLarge: 'Berkas terlalu besar.',
    badType: 'Jenis berkas ini tidak bisa dikirim.',
    slowDown: 'Terlalu banyak pesan. Tunggu sebentar, lalu coba lagi.',
    failed: 'Ada masalah di sisi kami. Coba lagi sebentar lagi.',
    restarted: 'Percakapan sebelumnya sudah berakhir. Kita mulai lagi.',
    noscript: 'Halaman ini membutuhkan JavaScript.',
  },
  en: {
    tagline: 'Confidential reports: trafficking & working abroad',
    exit: 'Quick exit',
    exitHint: 'Quick exit: press the red button or Esc three times.',
    lang: 'ID',
    langLabel: 'Ganti ke Bahasa Indonesia',
    anon: 'We do not ask for your name. There is no need to write your name, ID number or phone number.',
    tipTitle: 'How to remove traces of this chat',
    tip: 'This chat disappears when you close the tab; no cookies are used. When you are done, press «Quick exit», then clear your browser history (menu ⋮ › History › Clear browsing data). Keep your receipt code somewhere safe.',
    danger: 'In danger right now? Call 110 (Police) or 129 (SAPA).',
    log: 'Conversation',
    choices: 'Answer options',
    input: 'Type a message',
    placeholder: 'Type here…',
    send: 'Send',
    file: 'Choose a photo, PDF or voice recording',
    fileHint: 'Photo, PDF or voice recording.',
    you: 'You:',
    bot: 'Waspada:',
    attached: 'File: ',
    sending: 'Sending…',
    uploading: 'Uploading…',
    retry: 'Try again',
    offline: 'Not sent yet. Check your internet connection, then try again. What you wrote is kept.',
    tooLarge: 'The file is too large.',
    badType: 'This type of file cannot be sent.',
    slowDown: 'Too many messages. Wait a moment, then try again.',
    failed: 'Something went wrong on our side. Please try again shortly.',
    restarted: 'The previous conversation has ended. Starting again.',
    noscript: 'This page needs JavaScript.',
  },
} as const satisfies Record<ChatPageLocale, Record<string, string>>;

type StringKey = keyof (typeof STRINGS)['id'];

const CSS = `
*,*::before,*::after{box-sizing:border-box}
html,body{margin:0;height:100%}
body{font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#18242e;background:#eef2f3;display:flex;flex-direction:column;height:100vh;height:100dvh}
.sr{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.wrap{width:100%;max-width:42rem;margin:0 auto;padding:0 .75rem}
header{background:#0b4f5c;color:#fff;flex:none}
header .wrap{display:flex;align-items:center;gap:.5rem;padding-top:.5rem;padding-bottom:.5rem}
h1{flex:1 1 auto;min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;margin:0;font-size:1.25rem;line-height:1.2;letter-spacing:.02em}
.tag{font-weight:600;color:#18242e}
button,.filebtn{font:inherit;min-height:48px;border-radius:.6rem;padding:.5rem .9rem;cursor:pointer;touch-action:manipulation}
button:disabled{cursor:default;opacity:.55}
:focus-visible{outline:3px solid #f2b705;outline-offset:2px}
.lang{background:transparent;color:#fff;border:2px solid #9fc9d0;font-weight:600;min-width:48px;padding:.5rem .6rem;flex:none}
.exit{flex:none;background:#c62828;color:#fff;border:2px solid #fff;font-weight:700;padding:.5rem .75rem}
main{flex:1 1 auto;overflow-y:auto;position:relative}
@media (prefers-reduced-motion:no-preference){main{scroll-behavior:smooth}}
.intro{margin:.75rem 0;padding:.6rem .8rem;background:#fff;border:1px solid #d5dee1;border-radius:.6rem;font-size:.9rem;color:#33434f}
.intro p{margin:.2rem 0}
.intro a{color:#0b4f5c;font-weight:600}
details{margin-top:.3rem}
summary{cursor:pointer;color:#0b4f5c;font-weight:600;padding:.3rem 0;min-height:32px}
#log{display:flex;flex-direction:column;gap:.5rem;padding-bottom:.5rem}
.msg{max-width:88%;padding:.55rem .8rem;border-radius:.9rem;white-space:pre-wrap;overflow-wrap:break-word}
.code{white-space:nowrap;font:700 1.05em ui-monospace,Menlo,Consolas,monospace;letter-spacing:.04em}
.bot{align-self:flex-start;background:#fff;border:1px solid #d5dee1;border-bottom-left-radius:.25rem}
.me{align-self:flex-end;background:#0b4f5c;color:#fff;border-bottom-right-radius:.25rem}
.note{align-self:center;font-size:.85rem;color:#52616b;font-style:italic}
#choices{display:flex;flex-wrap:wrap;gap:.5rem;padding:.25rem 0 .75rem}
.choice{flex:1 1 12rem;background:#fff;color:#0b4f5c;border:2px solid #0b4f5c;font-weight:600;text-align:left}
.many .choice{flex-basis:9rem;min-height:44px;padding:.4rem .7rem}
#media{padding:0 0 .75rem}
.filebtn{display:flex;align-items:center;justify-content:center;gap:.4rem;width:100%;background:#fff;color:#0b4f5c;border:2px dashed #0b4f5c;font-weight:600;text-align:center}
#file{position:absolute;opacity:0;width:1px;height:1px}
#file:focus-visible+.filebtn{outline:3px solid #f2b705;outline-offset:2px}
.hint{margin:.3rem 0 0;font-size:.8rem;color:#52616b;text-align:center}
footer{flex:none;background:#fff;border-top:1px solid #d5dee1;padding:.5rem 0 max(.5rem,env(safe-area-inset-bottom))}
#status{display:flex;align-items:center;gap:.5rem;font-size:.85rem;color:#52616b;margin-bottom:.4rem}
progress{flex:1;height:.6rem}
#error{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem;background:#fdecea;border:1px solid #f3b6b0;color:#7f1d1d;border-radius:.6rem;padding:.4rem .6rem;margin-bottom:.5rem;font-size:.9rem}
#error p{margin:0;flex:1 1 12rem;white-space:pre-wrap}
#retry{background:#7f1d1d;color:#fff;border:0;font-weight:600}
.row{display:flex;gap:.5rem}
#text{flex:1;min-width:0;font:inherit;min-height:48px;padding:.5rem .75rem;border:2px solid #9aa9b1;border-radius:.6rem;background:#fff;color:inherit}
#text:focus{border-color:#0b4f5c}
#send{background:#0b4f5c;color:#fff;border:0;font-weight:700;padding:.5rem 1.1rem}
@media (hover:hover){.exit:hover{background:#a61f1f}.choice:hover:not(:disabled){background:#e3f0f2}}
@media (max-width:359px){h1{font-size:1.05rem}header .wrap{gap:.375rem}.exit{padding:.5rem .55rem}}
[hidden]{display:none!important}
@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important;scroll-behavior:auto!important}}
`;

const JS = String.raw`(function(){
'use strict';
var d=document,S=JSON.parse(d.getElementById('i18n').textContent),cfg=JSON.parse(d.getElementById('cfg').textContent);
var KEY=cfg.key,EXIT=cfg.exit;
function $(id){return d.getElementById(id)}
var logEl=$('log'),main=$('main'),choicesEl=$('choices'),mediaEl=$('media'),fileEl=$('file'),textEl=$('text'),
sendEl=$('send'),statusEl=$('status'),statusText=$('statustext'),prog=$('progress'),errEl=$('error'),errText=$('errortext'),
retryEl=$('retry'),langEl=$('lang'),exitEl=$('exit'),form=$('composer');
var st=load()||{c:null,log:[],p:null,l:cfg.locale},busy=false,pending=null,xhr=null,escs=[];
function load(){try{var v=JSON.parse(sessionStorage.getItem(KEY)||'null');return v&&typeof v==='object'&&Array.isArray(v.log)?v:null}catch(e){return null}}
function save(){if(!st)return;try{if(st.log.length>200)st.log=st.log.slice(-200);sessionStorage.setItem(KEY,JSON.stringify(st))}catch(e){}}
function t(k){return(S[st.l]||S.id)[k]}
function applyLocale(){
d.documentElement.lang=st.l;langEl.lang=st.l==='id'?'en':'id';
var els=d.querySelectorAll('[data-t]');
for(var i=0;i<els.length;i++)els[i].textContent=t(els[i].getAttribute('data-t'));
els=d.querySelectorAll('[data-ta]');
for(i=0;i<els.length;i++){var p=els[i].getAttribute('data-ta').split(':');els[i].setAttribute(p[0],t(p[1]))}
}
function addMsg(who,text){
var el=d.createElement('div');el.className='msg '+who;
if(who!=='note'){var sr=d.createElement('span');sr.className='sr';sr.textContent=t(who==='me'?'you':'bot')+' ';el.appendChild(sr)}
var re=/\b[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){2,}\b/g,at=0,m;
while((m=re.exec(text))){el.appendChild(d.createTextNode(text.slice(at,m.index)));var c=d.createElement('span');c.className='code';c.textContent=m[0];el.appendChild(c);at=m.index+m[0].length}
el.appendChild(d.createTextNode(text.slice(at)));logEl.appendChild(el);return el}
function record(who,text){st.log.push([who,text]);return addMsg(who,text)}
function renderPrompt(){
var p=st.p,ch=p&&Array.isArray(p.choices)?p.choices:[];
choicesEl.textContent='';
ch.forEach(function(c){var b=d.createElement('button');b.type='button';b.className='choice';b.textContent=c.label;
b.setAttribute('data-id',c.id);b.disabled=busy;b.addEventListener('click',function(){choose(c)});choicesEl.appendChild(b)});
choicesEl.hidden=!ch.length;choicesEl.className=ch.length>6?'many':'';mediaEl.hidden=!(p&&p.kind==='media')}
function reveal(first){
if(!first)return;var bottom=main.scrollHeight-main.clientHeight;main.scrollTop=Math.max(0,Math.min(first.offsetTop-8,bottom))}
function setBusy(b,label){
busy=b;sendEl.disabled=b;langEl.disabled=b;fileEl.disabled=b;textEl.readOnly=b;logEl.setAttribute('aria-busy',b?'true':'false');
var bs=choicesEl.querySelectorAll('button');for(var i=0;i<bs.length;i++)bs[i].disabled=b;
statusEl.hidden=!b;if(b){statusText.textContent=label;prog.hidden=true;prog.removeAttribute('value')}}
function showError(msg,canRetry){errText.textContent=msg;retryEl.hidden=!canRetry;errEl.hidden=false}
function hideError(){errEl.hidden=true;errText.textContent=''}
function post(req){
if(busy)return;pending=req;hideError();setBusy(true,t(req.file?'uploading':'sending'));
var x=new XMLHttpRequest();xhr=x;
x.open('POST',req.file?'/api/chat/media':'/api/chat');x.timeout=req.file?180000:30000;
x.setRequestHeader('Accept','application/json');
var body;
if(req.file){body=new FormData();if(st.c)body.append('conversation',st.c);body.append('file',req.file,req.file.name);
x.upload.onprogress=function(e){if(e.lengthComputable){prog.hidden=false;prog.max=e.total;prog.value=e.loaded;statusText.textContent=t('uploading')+' '+Math.round(e.loaded*100/e.total)+'%'}}}
else{var o={};if(st.c)o.conversation=st.c;if(req.text!=null)o.text=req.text;if(req.choice!=null)o.choice=req.choice;
x.setRequestHeader('Content-Type','application/json');body=JSON.stringify(o)}
x.onload=function(){var data=null;try{data=JSON.parse(x.responseText)}catch(e){}
if(x.status>=200&&x.status<300&&data&&typeof data.conversation==='string')done(req,data);else fail(req,x.status,data)};
x.onerror=x.ontimeout=function(){fail(req,0,null)};
x.send(body)}
function done(req,data){
xhr=null;pending=null;st.c=data.conversation;var first=null;
if(req.echo!=null)first=record('me',req.echo);
(Array.isArray(data.replies)?data.replies:[]).forEach(function(r){if(r&&typeof r.text==='string'){var el=record('bot',r.text);first=first||el}});
st.p=data.prompt||null;if(req.text!=null&&req.echo!=null)textEl.value='';
if(req.file)fileEl.value='';
if(req.locale){st.l=req.locale;applyLocale()}
setBusy(false);renderPrompt();save();if(!req.start)reveal(first);
var p=st.p;if(req.lang&&p&&p.flow==='language'&&Array.isArray(p.choices)&&p.choices.some(function(c){return c.id===st.l})){post({choice:st.l});return}
if(req.focus){var fb=choicesEl.querySelector('button');if(fb)fb.focus();else if(!mediaEl.hidden)fileEl.focus();else textEl.focus()}}
function fail(req,status,data){
xhr=null;setBusy(false);
var msg=data&&data.error&&typeof data.error.message==='string'?data.error.message:'';
if((status===404||status===410)&&st.c&&!req.restart){st.c=null;st.p=null;record('note',t('restarted'));save();renderPrompt();post({start:true,restart:true});return}
if(status===413||status===415){fileEl.value='';main.scrollTop=main.scrollHeight}
if(status===0)showError(t('offline'),true);
else if(status>=500)showError(t('failed'),true);
else showError(t(status===413?'tooLarge':status===415?'badType':status===429?'slowDown':'failed')+(msg?'\n'+msg:''),status===429)}
function choose(c){var p=st.p,loc=p&&p.flow==='language'&&(c.id==='id'||c.id==='en')?c.id:null;post({choice:c.id,echo:c.label,focus:true,locale:loc})}
function sendText(){var v=textEl.value;if(!v.trim()||busy)return;post({text:v,echo:v})}
form.addEventListener('submit',function(e){e.preventDefault();sendText()});
textEl.addEventListener('keydown',function(e){if(e.key==='Enter'&&!e.isComposing){e.preventDefault();sendText()}});
fileEl.addEventListener('change',function(){var f=fileEl.files&&fileEl.files[0];if(f)post({file:f,echo:t('attached')+f.name,focus:true})});
retryEl.addEventListener('click',function(){if(pending&&!busy)post(pending)});
langEl.addEventListener('click',function(){st.l=st.l==='id'?'en':'id';applyLocale();save();if(st.c)post({text:'bahasa',lang:true})});
function quickExit(){try{if(xhr)xhr.abort()}catch(e){}st=null;try{sessionStorage.clear()}catch(e){}
d.title='';d.body.textContent='';location.replace(EXIT)}
exitEl.addEventListener('click',quickExit);
d.addEventListener('keydown',function(e){if(e.key!=='Escape')return;var now=Date.now();
escs=escs.filter(function(x){return now-x<2000});escs.push(now);if(escs.length>=3)quickExit()});
applyLocale();
st.log.forEach(function(m){addMsg(m[0],m[1])});
renderPrompt();main.scrollTop=main.scrollHeight;
if(!st.c)post({start:true});
})();`;

/**
 * Render the whole chat page. `nonce` goes on every <script> and <style>; pair it with
 * {@link chatPageCsp}. The document is the same for every visitor apart from the nonce and the
 * initial locale, so it holds no per-person data.
 *
 * ```ts
 * app.get('/', (req, reply) => {
 *   const nonce = randomBytes(16).toString('base64');
 *   return reply.header('content-security-policy', chatPageCsp(nonce))
 *     .header('cache-control', 'no-store').type('text/html; charset=utf-8')
 *     .send(renderChatPage({ locale: app.config.DEFAULT_LOCALE, nonce }));
 * });
 * ```
 */
export function renderChatPage(options: ChatPageOptions): string {
  const locale: ChatPageLocale = options.locale === 'en' ? 'en' : 'id';
  const nonce = cleanNonce(options.nonce);
  const s = STRINGS[locale];
  const text = (key: StringKey) => `data-t="${key}">${escapeHtml(s[key])}`;
  const attr = (name: string, key: StringKey) => `${name}="${escapeHtml(s[key])}"`;
  const cfg = { key: CHAT_STORAGE_KEY, exit: QUICK_EXIT_URL, locale };
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light">
<meta name="theme-color" content="#0b4f5c">
<title>Waspada</title>
<link rel="icon" href="data:,">
<style nonce="${nonce}">${CSS}</style>
</head>
<body>
<header><div class="wrap">
<h1>Waspada</h1>
<button type="button" id="lang" class="lang" lang="${locale === 'id' ? 'en' : 'id'}" data-ta="aria-label:langLabel" ${attr('aria-label', 'langLabel')} ${text('lang')}</button>
<button type="button" id="exit" class="exit" data-ta="title:exitHint" ${attr('title', 'exitHint')} ${text('exit')}</button>
</div></header>
<main id="main"><div class="wrap">
<section class="intro">
<p class="tag" ${text('tagline')}</p>
<p ${text('anon')}</p>
<p ${text('danger')}</p>
<details><summary ${text('tipTitle')}</summary><p ${text('tip')}</p></details>
<p class="sr" ${text('exitHint')}</p>
</section>
<noscript><p ${text('noscript')}</p></noscript>
<div id="log" role="log" aria-live="polite" aria-relevant="additions" data-ta="aria-label:log" ${attr('aria-label', 'log')}></div>
<div id="choices" role="group" data-ta="aria-label:choices" ${attr('aria-label', 'choices')} hidden></div>
<div id="media" hidden>
<input type="file" id="file" accept="image/*,application/pdf,audio/*">
<label for="file" class="filebtn"><span aria-hidden="true">📎</span><span ${text('file')}</span></label>
<p class="hint" ${text('fileHint')}</p>
</div>
</div></main>
<footer><div class="wrap">
<div id="status" role="status" hidden><span id="statustext"></span><progress id="progress" hidden></progress></div>
<div id="error" role="alert" hidden><p id="errortext"></p><button type="button" id="retry" ${text('retry')}</button></div>
<form id="composer" class="row" autocomplete="off">
<label for="text" class="sr" ${text('input')}</label>
<input id="text" type="text" enterkeyhint="send" autocomplete="off" autocapitalize="sentences" maxlength="4000" data-ta="placeholder:placeholder" ${attr('placeholder', 'placeholder')}>
<button type="submit" id="send" ${text('send')}</button>
</form>
</div></footer>
<script type="application/json" id="i18n" nonce="${nonce}">${jsonForScript(STRINGS)}</script>
<script type="application/json" id="cfg" nonce="${nonce}">${jsonForScript(cfg)}</script>
<script nonce="${nonce}">${JS}</script>
</body>
</html>
`;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON that cannot close the surrounding <script> element. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** A nonce is base64/base64url; anything else would break out of the header or the attribute. */
function cleanNonce(nonce: string): string {
  if (!/^[A-Za-z0-9+/=_-]{8,128}$/.test(nonce)) {
    throw new Error('chat page nonce must be 8–128 base64 characters (e.g. randomBytes(16).toString("base64"))');
  }
  return nonce;
}
