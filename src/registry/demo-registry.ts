/**
 * A FICTIONAL registry for demos and fresh installs: every name carries "(FIKTIF)", every
 * licence starts with "DEMO-", and no entry describes a real company. Near-duplicate names
 * (one word more or less, a revoked "…Internasional" beside an active one) show how impostor
 * names are answered as `similar`, never `exact`.
 */
import type { AgencyRecord } from './registry-repository.js';

export const DEMO_AGENCIES: AgencyRecord[] = [
  { name: 'PT Contoh Sejahtera Abadi (FIKTIF)', licenseNumber: 'DEMO-KEP 001/2025', status: 'active', validUntil: '2026-12-31', address: null, city: 'Kota Pontianak (FIKTIF)', province: 'Kalimantan Barat' },
  { name: 'PT Contoh Sejahtera Abadi Internasional (FIKTIF)', licenseNumber: 'DEMO-KEP 002/2025', status: 'revoked', validUntil: '2025-06-30', address: null, city: 'Kota Pontianak (FIKTIF)', province: 'Kalimantan Barat' },
  { name: 'PT Contoh Maju Jaya (FIKTIF)', licenseNumber: 'DEMO-KEP 003/2025', status: 'active', validUntil: '2026-11-30', address: null, city: 'Kota Singkawang (FIKTIF)', province: 'Kalimantan Barat' },
  { name: 'PT Contoh Maju Jaya Mandiri (FIKTIF)', licenseNumber: 'DEMO-KEP 004/2025', status: 'suspended', validUntil: '2026-08-31', address: null, city: 'Kabupaten Sambas (FIKTIF)', province: 'Kalimantan Barat' },
  { name: 'PT Contoh Karya Nusantara (FIKTIF)', licenseNumber: 'DEMO-KEP 005/2025', status: 'active', validUntil: '2027-01-31', address: null, city: 'Kabupaten Sanggau (FIKTIF)', province: 'Kalimantan Barat' },
  { name: 'PT Contoh Karya Nusantara Indo (FIKTIF)', licenseNumber: 'DEMO-KEP 006/2025', status: 'expired', validUntil: '2025-03-31', address: null, city: 'Kabupaten Sanggau (FIKTIF)', province: 'Kalimantan Barat' },
  { name: 'PT Contoh Mitra Tenaga Kerja (FIKTIF)', licenseNumber: 'DEMO-KEP 007/2025', status: 'active', validUntil: '2026-10-31', address: null, city: 'Kabupaten Bengkayang (FIKTIF)', province: 'Kalimantan Barat' },
  { name: 'PT Contoh Duta Bangsa Sentosa (FIKTIF)', licenseNumber: 'DEMO-KEP 008/2025', status: 'active', validUntil: '2026-09-30', address: null, city: 'Kabupaten Ketapang (FIKTIF)', province: 'Kalimantan Barat' },
  { name: 'PT Contoh Duta Bangsa (FIKTIF)', licenseNumber: 'DEMO-KEP 009/2025', status: 'revoked', validUntil: '2024-12-31', address: null, city: 'Kabupaten Ketapang (FIKTIF)', province: 'Kalimantan Barat' },
  { name: 'PT Contoh Amanah Insani (FIKTIF)', licenseNumber: 'DEMO-KEP 010/2025', status: 'active', validUntil: '2026-07-31', address: null, city: 'Kabupaten Kubu Raya (FIKTIF)', province: 'Kalimantan Barat' },
  { name: 'PT Contoh Berkah Mulia (FIKTIF)', licenseNumber: 'DEMO-KEP 011/2025', status: 'suspended', validUntil: '2026-06-30', address: null, city: 'Kota Pontianak (FIKTIF)', province: 'Kalimantan Barat' },
  { name: 'PT Contoh Cahaya Harapan (FIKTIF)', licenseNumber: 'DEMO-KEP 012/2025', status: 'active', validUntil: '2026-05-31', address: null, city: 'Kabupaten Sintang (FIKTIF)', province: 'Kalimantan Barat' },
  { name: 'PT Contoh Sinar Gemilang (FIKTIF)', licenseNumber: 'DEMO-KEP 013/2025', status: 'active', validUntil: '2026-12-31', address: null, city: 'Kabupaten Kapuas Hulu (FIKTIF)', province: 'Kalimantan Barat' },
  { name: 'PT Contoh Bintang Persada (FIKTIF)', licenseNumber: 'DEMO-KEP 014/2025', status: 'expired', validUntil: '2025-01-31', address: null, city: 'Kabupaten Landak (FIKTIF)', province: 'Kalimantan Barat' },
  { name: 'PT Contoh Putra Lestari (FIKTIF)', licenseNumber: 'DEMO-KEP 015/2025', status: 'active', validUntil: '2027-03-31', address: null, city: 'Kabupaten Mempawah (FIKTIF)', province: 'Kalimantan Barat' },
  { name: 'PT Contoh Putri Lestari (FIKTIF)', licenseNumber: 'DEMO-KEP 016/2025', status: 'revoked', validUntil: '2025-09-30', address: null, city: 'Kabupaten Mempawah (FIKTIF)', province: 'Kalimantan Barat' },
  { name: 'PT Contoh Global Prima (FIKTIF)', licenseNumber: 'DEMO-KEP 017/2025', status: 'active', validUntil: '2026-04-30', address: null, city: 'Kabupaten Sekadau (FIKTIF)', province: 'Kalimantan Barat' },
  { name: 'PT Contoh Sumber Daya Insani (FIKTIF)', licenseNumber: 'DEMO-KEP 018/2025', status: 'active', validUntil: '2026-10-31', address: null, city: 'Kabupaten Melawi (FIKTIF)', province: 'Kalimantan Barat' },
  { name: 'PT Contoh Sukses Bersama (FIKTIF)', licenseNumber: 'DEMO-KEP 019/2025', status: 'suspended', validUntil: '2026-02-28', address: null, city: 'Kabupaten Kayong Utara (FIKTIF)', province: 'Kalimantan Barat' },
  { name: 'PT Contoh Harapan Utama (FIKTIF)', licenseNumber: 'DEMO-KEP 020/2025', status: 'active', validUntil: '2026-08-31', address: null, city: 'Kota Pontianak (FIKTIF)', province: 'Kalimantan Barat' },
  { name: 'PT Contoh Makmur Perkasa (FIKTIF)', licenseNumber: 'DEMO-KEP 021/2025', status: 'active', validUntil: '2026-11-30', address: null, city: 'Kota Singkawang (FIKTIF)', province: 'Kalimantan Barat' },
  { name: 'PT Contoh Makmur Perkasa Jaya (FIKTIF)', licenseNumber: 'DEMO-KEP 022/2025', status: 'revoked', validUntil: '2025-05-31', address: null, city: 'Kota Singkawang (FIKTIF)', province: 'Kalimantan Barat' },
  { name: 'PT Contoh Nusa Kerja Sentosa (FIKTIF)', licenseNumber: 'DEMO-KEP 023/2025', status: 'active', validUntil: '2027-02-28', address: null, city: 'Kabupaten Sambas (FIKTIF)', province: 'Kalimantan Barat' },
  { name: 'PT Contoh Tenaga Mandiri (FIKTIF)', licenseNumber: 'DEMO-KEP 024/2025', status: 'expired', validUntil: '2025-10-31', address: null, city: 'Kabupaten Sanggau (FIKTIF)', province: 'Kalimantan Barat' },
  { name: 'PT Contoh Insan Kamil (FIKTIF)', licenseNumber: 'DEMO-KEP 025/2025', status: 'active', validUntil: '2026-09-30', address: null, city: 'Kabupaten Bengkayang (FIKTIF)', province: 'Kalimantan Barat' },
  { name: 'PT Contoh Borneo Raya (FIKTIF)', licenseNumber: 'DEMO-KEP 026/2025', status: 'active', validUntil: '2026-12-31', address: null, city: 'Kota Pontianak (FIKTIF)', province: 'Kalimantan Barat' },
  { name: 'PT Contoh Borneo Raya Internasional (FIKTIF)', licenseNumber: 'DEMO-KEP 027/2025', status: 'suspended', validUntil: '2026-03-31', address: null, city: 'Kota Pontianak (FIKTIF)', province: 'Kalimantan Barat' },
  { name: 'PT Contoh Khatulistiwa Jaya (FIKTIF)', licenseNumber: 'DEMO-KEP 028/2025', status: 'active', validUntil: '2026-06-30', address: null, city: 'Kabupaten Kubu Raya (FIKTIF)', province: 'Kalimantan Barat' },
  { name: 'PT Contoh Kapuas Sejahtera (FIKTIF)', licenseNumber: 'DEMO-KEP 029/2025', status: 'revoked', validUntil: '2025-07-31', address: null, city: 'Kabupaten Sintang (FIKTIF)', province: 'Kalimantan Barat' },
  { name: 'PT Contoh Entikong Mitra (FIKTIF)', licenseNumber: 'DEMO-KEP 030/2025', status: 'active', validUntil: '2026-10-31', address: null, city: 'Kabupaten Sanggau (FIKTIF)', province: 'Kalimantan Barat' },
];
