import { describe, expect, it } from 'vitest';
import { BREAK, NEG, normalise, tokenise } from '../../../src/triage/normalise.js';

describe('tokenise', () => {
  it('lower-cases, strips punctuation and keeps clause breaks', () => {
    expect(tokenise('Dia TIDAK dipukul, hanya ditipu!!')).toEqual(['dia', NEG, 'dipukul', BREAK, 'hanya', 'ditipu']);
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
});
