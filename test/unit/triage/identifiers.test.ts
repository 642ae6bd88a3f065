import { describe, expect, it } from 'vitest';
import {
  extractIdentifiers,
  normaliseAgencyName,
  normaliseLink,
  normalisePhone,
} from '../../../src/triage/identifiers.js';

const of = (kind: string, text: string): string[] =>
  extractIdentifiers(text)
    .filter((i) => i.kind === kind)
    .map((i) => i.value);

describe('phones', () => {
  it('normalises every Indonesian format to the same E.164 digits', () => {
    for (const raw of [
      '0812-3456-7890',
      '0812 3456 7890',
      '081234567890',
      '+62 812 3456 7890',
      '+62-812-3456-7890',
      '62812 3456 7890',
      '6281234567890',
      '+62 (0)812 3456 7890',
      '(0812) 3456-7890',
      '0812.3456.7890',
      'wa.me/6281234567890',
      'https://wa.me/+6281234567890?text=halo',
      'https://api.whatsapp.com/send?phone=6281234567890',
    ]) {
      expect(of('phone', `hubungi ${raw} ya`), raw).toEqual(['6281234567890']);
    }
  });

  it('normalises Malaysian mobiles', () => {
    expect(normalisePhone('012-345 6789')).toBe('60123456789');
    expect(normalisePhone('+60 12-345 6789')).toBe('60123456789');
    expect(normalisePhone('011-2345 6789')).toBe('601123456789');
  });

  it('rejects what is not a phone number', () => {
    expect(normalisePhone('12345')).toBeNull();
    expect(of('phone', 'tanggal 12-05-2025 jam 10.30, gaji Rp 15.000.000')).toEqual([]);
  });

  it('dedupes the same number written twice', () => {
    expect(extractIdentifiers('WA 0812-3456-7890 atau +62 812 3456 7890')).toEqual([
      { kind: 'phone', value: '6281234567890' },
    ]);
  });
});

describe('bank accounts', () => {
  it('reads the account near a bank name as code:digits', () => {
    expect(of('bank', 'transfer ke BRI 0123-01-012345-50-1 a/n Budi')).toEqual(['bri:012301012345501']);
    expect(of('bank', 'no rek BCA: 1234567890')).toEqual(['bca:1234567890']);
    expect(of('bank', 'rekening mandiri 123 000 456 7890')).toEqual(['mandiri:1230004567890']);
    expect(of('bank', 'norek 1234567890 (BNI)')).toEqual(['bni:1234567890']);
  });

  it('uses a generic code when no bank is named', () => {
    expect(of('bank', 'minta transfer ke rekening 9876543210')).toEqual(['bank:9876543210']);
  });

  it('ties an e-wallet to its phone number', () => {
    const ids = extractIdentifiers('bayar lewat DANA 0812-9999-8888');
    expect(ids).toEqual([
      { kind: 'bank', value: 'dana:6281299998888' },
      { kind: 'phone', value: '6281299998888' },
    ]);
  });

  it('ignores amounts of money', () => {
    expect(of('bank', 'biaya Rp 15.000.000 transfer ke BRI')).toEqual([]);
    expect(of('bank', 'bayar 25000000 rupiah ke rekening')).toEqual([]);
  });

  it('prefers the phone reading when a phone word is closer than the bank word', () => {
    const ids = extractIdentifiers('rekening BRI atas nama agen, WA 0812-3456-7890');
    expect(ids).toEqual([{ kind: 'phone', value: '6281234567890' }]);
  });
});

describe('links and handles', () => {
  it('normalises URLs: no scheme, www, tracking or trailing slash', () => {
    expect(normaliseLink('https://www.Instagram.com/Kerja.Malaysia/?igshid=abc')).toBe('instagram.com/kerja.malaysia');
    expect(normaliseLink('http://bit.ly/LokerMY?utm_source=fb&utm_medium=x')).toBe('bit.ly/LokerMY');
    expect(normaliseLink('https://m.facebook.com/loker.kuching/')).toBe('facebook.com/loker.kuching');
    expect(normaliseLink('https://loker-sarawak.blogspot.com/2025/01/kerja.html#top')).toBe(
      'loker-sarawak.blogspot.com/2025/01/kerja.html',
    );
    expect(normaliseLink('https://example.com/apply?id=42&fbclid=zzz')).toBe('example.com/apply?id=42');
  });

  it('finds bare domains in text and drops trailing punctuation', () => {
    expect(of('link', 'daftar di www.kerjamalaysia.com/daftar.')).toEqual(['kerjamalaysia.com/daftar']);
  });

  it('maps @handles on a named platform to the same value as the profile link', () => {
    const a = of('link', 'akun IG @Kerja.Malaysia');
    const b = of('link', 'https://instagram.com/kerja.malaysia/?igsh=xyz');
    expect(a).toEqual(['instagram.com/kerja.malaysia']);
    expect(b).toEqual(a);
    expect(of('link', 'tiktok: @LokerKuching')).toEqual(['tiktok.com/@lokerkuching']);
    expect(of('link', 'https://www.tiktok.com/@lokerkuching?_t=8abc&_r=1')).toEqual(['tiktok.com/@lokerkuching']);
    expect(of('link', 'telegram @agen_sarawak')).toEqual(['t.me/agen_sarawak']);
    expect(of('link', 'https://t.me/agen_sarawak')).toEqual(['t.me/agen_sarawak']);
    expect(of('link', 'fb @loker.kalbar')).toEqual(['facebook.com/loker.kalbar']);
  });

  it('keeps a handle without a platform as @handle, and e-mails as mailto', () => {
    expect(of('link', 'hubungi @rekrut_cepat')).toEqual(['@rekrut_cepat']);
    expect(of('link', 'email HRD.Jobs@Gmail.com')).toEqual(['mailto:hrd.jobs@gmail.com']);
  });
});

describe('agencies', () => {
  it('normalises PT/CV names', () => {
    expect(normaliseAgencyName('P.T. Sinar-Jaya  ABADI, Tbk.')).toBe('sinar jaya abadi');
    expect(normaliseAgencyName('PT. Bintang Kalbar Mandiri')).toBe('bintang kalbar mandiri');
  });

  it('finds the name in a sentence, in formal or chat writing', () => {
    expect(of('agency', 'Apakah PT Sinar Jaya Abadi resmi?')).toEqual(['sinar jaya abadi']);
    expect(of('agency', 'pt. sinar jaya abadi katanya resmi')).toEqual(['sinar jaya abadi']);
    expect(of('agency', 'P.T. SINAR JAYA ABADI buka lowongan')).toEqual(['sinar jaya abadi']);
    expect(of('agency', 'The agency PT Maju Bersama asked for my KTP')).toEqual(['maju bersama']);
    expect(of('agency', 'tolong cek agen ini, namanya CV Harapan Baru di Sintang')).toEqual(['harapan baru']);
  });

  it('does not read a curriculum vitae as an agency', () => {
    expect(of('agency', 'kirim CV lengkap ke email')).toEqual([]);
    expect(of('agency', 'kirim cv dan ktp')).toEqual([]);
  });

  it('dedupes the same agency written differently', () => {
    expect(of('agency', 'PT Sinar Jaya Abadi, eh maksud saya pt. sinar jaya abadi')).toEqual(['sinar jaya abadi']);
  });
});

describe('extractIdentifiers', () => {
  it('returns every kind in order of appearance', () => {
    expect(
      extractIdentifiers(
        'Agen PT Sinar Jaya (IG @sinarjaya.loker) minta transfer ke BCA 1234567890, WA +62 812-3456-7890',
      ),
    ).toEqual([
      { kind: 'agency', value: 'sinar jaya' },
      { kind: 'link', value: 'instagram.com/sinarjaya.loker' },
      { kind: 'bank', value: 'bca:1234567890' },
      { kind: 'phone', value: '6281234567890' },
    ]);
    expect(extractIdentifiers('')).toEqual([]);
  });
});
