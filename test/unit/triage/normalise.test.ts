import { describe, expect, it } from 'vitest';
import { ADVANCE_DULU, BREAK, CANT_BEAR, ENDURE, NEG, normalise, PAST_DULU, SOFT, tokenise } from '../../../src/triage/normalise.js';

describe('tokenise', () => {
  it('lower-cases, strips punctuation and keeps sentence and clause breaks apart', () => {
    expect(tokenise('Dia TIDAK dipukul, hanya ditipu!!')).toEqual(['dia', NEG, 'dipukul', SOFT, 'hanya', 'ditipu']);
    expect(tokenise('Dia dipukul. Hanya itu')).toEqual(['dia', 'dipukul', BREAK, 'hanya', 'itu']);
    expect(tokenise('a, . b')).toEqual(['a', BREAK, 'b']);
    expect(tokenise('.., a ,,')).toEqual(['a']);
  });

  it('folds repeated letters', () => {
    expect(tokenise('tolonggg')).toEqual(['tolong']);
    expect(tokenise('TOLONGGGG')).toEqual(['tolong']);
  });

  it('maps every informal negation to one token', () => {
    const words = [
      'tidak', 'tdk', 'tdak', 'gak', 'ga', 'gk', 'g', 'gx', 'gag', 'ngga', 'nggak', 'ngak', 'ngk',
      'engga', 'enggak', 'ndak', 'nda', 'tadak', 'sik', 'tak', 'bukan', 'not', 'no', 'never',
    ];
    for (const w of words) expect(tokenise(`${w} dipukul`), w).toEqual([NEG, 'dipukul']);
    expect(tokenise("don't go")).toEqual(['do', NEG, 'go']);
    expect(tokenise("can't leave")).toEqual(['can', NEG, 'leave']);
  });

  it('maps chat spellings', () => {
    expect(normalise('sy gak bs plg skrg')).toBe(`saya ${NEG} bisa pulang sekarang`);
    expect(normalise('tlg bsk mlm')).toBe('tolong besok malam');
    expect(normalise('ndak bise balek')).toBe(`${NEG} bisa pulang`);
  });

  it('keeps "no" in "no hp"/"no rek" as a number, not a negation', () => {
    expect(tokenise('no hp 0812')).toEqual(['nomor', 'hp', '0812']);
    expect(tokenise('no rek bri')).toEqual(['nomor', 'rek', 'bri']);
  });

  it('reads "x" as a negation only when it is not a count', () => {
    expect(tokenise('x boleh keluar')[0]).toBe(NEG);
    expect(tokenise('dipukul 3x')).toEqual(['dipukul', '3', 'x']);
  });

  it('rewrites "pukul" + time to "jam" but not a count', () => {
    expect(tokenise('pukul 10.00')).toEqual(['jam', '10', '00']);
    expect(tokenise('pukul tiga')).toEqual(['jam', 'tiga']);
    expect(tokenise('pukul 3 kali')).toEqual(['pukul', '3', 'kali']);
  });

  it('splits numbers from words and expands "kata2"', () => {
    expect(tokenise('umur15thn')).toEqual(['umur', '15', 'tahun']);
    expect(tokenise('dipukul2')).toEqual(['dipukul', 'dipukul']);
  });

  it('turns "tidak tahu" into doubt', () => {
    expect(tokenise('gak tau')).toEqual(['ragu']);
  });

  it('reads "dulu" as past or as in advance from its neighbours', () => {
    expect(tokenise('dulu saya pernah kerja')[0]).toBe(PAST_DULU);
    expect(tokenise('ibu saya dulu tinggal di sana')).toContain(PAST_DULU);
    expect(tokenise('bayar dulu')).toEqual(['bayar', ADVANCE_DULU]);
    expect(tokenise('utang 20jt dulu baru boleh pulang')).toContain(ADVANCE_DULU);
    expect(tokenise('agen mintak duit dolok')).toContain(ADVANCE_DULU);
  });

  it('tells "tahan" withheld from enduring and from "cannot bear"', () => {
    expect(tokenise('paspor ditahan')).toEqual(['paspor', 'ditahan']);
    expect(tokenise('tahan lama')[0]).toBe(ENDURE);
    expect(tokenise('gak tahan lagi')[0]).toBe(CANT_BEAR);
  });

  it('maps conditionals and regional words', () => {
    expect(normalise('klo gk mau')).toBe(`kalau ${NEG} mau`);
    expect(normalise('mun ndak bayar')).toBe(`kalau ${NEG} bayar`);
    expect(normalise('kamek nak balit')).toBe('aku mau pulang');
  });

  it('keeps English verbs whole ("took" is not Sarawak "tok")', () => {
    expect(tokenise('they took it')).toEqual(['they', 'taken', 'it']);
    expect(tokenise('they tooook it')).toEqual(['they', 'tok', 'it']);
    expect(normalise('malam tok')).toBe('malam tok');
  });
});
