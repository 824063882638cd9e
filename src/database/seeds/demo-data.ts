import { Role } from '../../common/auth/role.js';
import { AgreementKind, ThematicArea } from '../../modules/agreements/agreement.entity.js';
import { PartyRole } from '../../modules/agreements/agreement-party.entity.js';
import { TargetAggregation } from '../../modules/commitments/commitment-target.entity.js';
import { CommitmentCategory, ReportingSchedule } from '../../modules/commitments/commitment.entity.js';
import { OrganisationKind } from '../../modules/organisations/organisation.entity.js';
import { EvidenceKind } from '../../modules/reports/report-evidence.entity.js';

/*
 * Demo data from five Indonesian news articles (see README, "Demo data"). Names, places and dates the
 * articles give are used as given; what they leave open (end dates, targets, member companies, reference
 * numbers) is assumed and marked "assumed". Place codes are the official Kemendagri codes.
 */

export interface DemoOrganisation {
  key: string;
  kind: OrganisationKind;
  name: string;
  shortName?: string;
  placeCode: string;
  parent?: string;
}

export interface DemoCommitment {
  responsible: string;
  category: CommitmentCategory;
  title: string;
  keyPointNumber?: number;
  startOn: string;
  dueOn: string;
  placeCodes: string[];
  reportingSchedule: ReportingSchedule;
  targets: { indicator: string; unit: string; targetValue: number; baseline?: number; aggregation?: TargetAggregation }[];
}

export interface DemoAgreement {
  reference: string;
  kind: AgreementKind;
  title: string;
  summary: string;
  thematicAreas: ThematicArea[];
  parties: { org: string; role: PartyRole; signatoryName?: string; signatoryTitle?: string }[];
  signedOn: string;
  effectiveFrom: string;
  effectiveUntil: string;
  coveragePlaceCodes: string[];
  keyPoints: string[];
  /** The reference of the agreement this one renews. */
  renews?: string;
  commitments: DemoCommitment[];
}

const { SIGNATORY, IMPLEMENTER, WITNESS } = PartyRole;
const { QUARTERLY, SEMI_ANNUAL, ANNUAL, NONE } = ReportingSchedule;
const { LATEST } = TargetAggregation;

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  // 000: the Banten MoU
  { key: 'kepNational', kind: OrganisationKind.UNION_FEDERATION, name: 'Federasi Serikat Pekerja Kimia, Energi dan Pertambangan SPSI', shortName: 'FSP KEP SPSI', placeCode: '31' },
  { key: 'kepBanten', kind: OrganisationKind.UNION_FEDERATION, name: 'Pimpinan Daerah FSP KEP SPSI Provinsi Banten', shortName: 'PD FSP KEP SPSI Banten', placeCode: '36', parent: 'kepNational' },
  { key: 'komnasBanten', kind: OrganisationKind.NGO, name: 'Komnas Perlindungan Anak Provinsi Banten', shortName: 'Komnas PA Banten', placeCode: '36' },
  // 001: APSAI Kota Pekalongan
  { key: 'dpmppaPekalongan', kind: OrganisationKind.GOVERNMENT_AGENCY, name: 'Dinas Pemberdayaan Masyarakat, Perempuan dan Perlindungan Anak Kota Pekalongan', shortName: 'DPMPPA Kota Pekalongan', placeCode: '33.75' },
  { key: 'apsaiPekalongan', kind: OrganisationKind.NETWORK, name: 'Asosiasi Perusahaan Sahabat Anak Indonesia Kota Pekalongan', shortName: 'APSAI Kota Pekalongan', placeCode: '33.75' },
  // The article names no member companies: these three are illustrative (assumed).
  { key: 'bumdPekalongan', kind: OrganisationKind.COMPANY, name: 'Perumda Air Minum Tirtayasa Kota Pekalongan (contoh)', placeCode: '33.75' },
  { key: 'batikPekalongan', kind: OrganisationKind.COMPANY, name: 'PT Batik Sahabat Anak Pekalongan (contoh)', placeCode: '33.75' },
  { key: 'textilePekalongan', kind: OrganisationKind.COMPANY, name: 'CV Tenun Pesisir Pekalongan (contoh)', placeCode: '33.75' },
  // 002: Jakarta's provincial government
  { key: 'dinsosDki', kind: OrganisationKind.GOVERNMENT_AGENCY, name: 'Dinas Sosial Provinsi DKI Jakarta', shortName: 'Dinsos DKI', placeCode: '31' },
  { key: 'dppappDki', kind: OrganisationKind.GOVERNMENT_AGENCY, name: 'Dinas Pemberdayaan, Perlindungan Anak dan Pengendalian Penduduk Provinsi DKI Jakarta', shortName: 'DPPAPP DKI', placeCode: '31' },
  // 003: ECPAT, Kindernothilfe, KPPPA and five UPTD PPA
  { key: 'kpppa', kind: OrganisationKind.GOVERNMENT_AGENCY, name: 'Kementerian Pemberdayaan Perempuan dan Perlindungan Anak', shortName: 'KPPPA', placeCode: '31' },
  { key: 'ecpat', kind: OrganisationKind.NGO, name: 'ECPAT Indonesia', placeCode: '31' },
  { key: 'knh', kind: OrganisationKind.INTERNATIONAL_PARTNER, name: 'Kindernothilfe', shortName: 'KNH', placeCode: '31' },
  { key: 'uptdDki', kind: OrganisationKind.GOVERNMENT_AGENCY, name: 'UPTD PPA Provinsi DKI Jakarta', placeCode: '31' },
  { key: 'uptdBandung', kind: OrganisationKind.GOVERNMENT_AGENCY, name: 'UPTD PPA Kota Bandung', placeCode: '32.73' },
  { key: 'uptdSleman', kind: OrganisationKind.GOVERNMENT_AGENCY, name: 'UPTD PPA Kabupaten Sleman', placeCode: '34.04' },
  { key: 'uptdSurakarta', kind: OrganisationKind.GOVERNMENT_AGENCY, name: 'UPTD PPA Kota Surakarta', placeCode: '33.72' },
  { key: 'uptdSidoarjo', kind: OrganisationKind.GOVERNMENT_AGENCY, name: 'UPTD PPA Kabupaten Sidoarjo', placeCode: '35.15' },
  // 004: LPKP and the Kesempatan programme in Probolinggo
  { key: 'lpkp', kind: OrganisationKind.NGO, name: 'Lembaga Pengkajian Kemasyarakatan dan Pembangunan Jawa Timur', shortName: 'LPKP Jatim', placeCode: '35' },
  { key: 'paacla', kind: OrganisationKind.NETWORK, name: 'Partnership for Action against Child Labour in Agriculture', shortName: 'PAACLA', placeCode: '31' },
  { key: 'gugusAlasnyiur', kind: OrganisationKind.COMMUNITY_GROUP, name: 'Gugus Tugas Desa Layak Anak Alasnyiur', placeCode: '35.13.13.2003' },
];

export const DEMO_MEMBERSHIPS: { network: string; member: string; joinedOn: string }[] = [
  { network: 'apsaiPekalongan', member: 'bumdPekalongan', joinedOn: '2022-06-15' },
  { network: 'apsaiPekalongan', member: 'batikPekalongan', joinedOn: '2022-06-15' },
  { network: 'apsaiPekalongan', member: 'textilePekalongan', joinedOn: '2023-02-01' },
  { network: 'paacla', member: 'lpkp', joinedOn: '2016-01-01' },
];

const PROBOLINGGO_VILLAGES = ['35.13.13.2003', '35.13.13.2015', '35.13.10.2010', '35.13.10.2006'];
const UPTD_PLACES = ['31', '32.73', '34.04', '33.72', '35.15'];

export const DEMO_AGREEMENTS: DemoAgreement[] = [
  {
    reference: 'NK/PD-FSPKEP-KOMNASPA/BTN/III/2023', // assumed
    kind: AgreementKind.MOU,
    title: 'Nota Kesepahaman perlindungan anak di lingkungan tempat kerja',
    summary:
      'MoU between the Banten leadership of FSP KEP SPSI and Komnas Perlindungan Anak Provinsi Banten, signed on Monday 20 March 2023, ' +
      'to protect the children of union members in and around workplaces.',
    thematicAreas: [ThematicArea.CHILD_PROTECTION, ThematicArea.VIOLENCE_AGAINST_CHILDREN],
    parties: [
      { org: 'kepBanten', role: SIGNATORY, signatoryName: 'Ketua PD FSP KEP SPSI Provinsi Banten', signatoryTitle: 'Ketua' },
      { org: 'komnasBanten', role: SIGNATORY, signatoryName: 'Hendry Gunawan', signatoryTitle: 'Ketua Komnas PA Provinsi Banten' },
    ],
    signedOn: '2023-03-20',
    effectiveFrom: '2023-03-20',
    effectiveUntil: '2028-03-19', // assumed: five years
    coveragePlaceCodes: ['36'],
    keyPoints: [
      'Kampanye dan program untuk meningkatkan kesadaran masyarakat dan anggota serikat pekerja tentang pentingnya perlindungan anak',
      'Pelatihan bagi anggota serikat pekerja tentang cara mencegah dan menangani kekerasan terhadap anak',
      'Mendorong tempat kerja menyediakan fasilitas yang aman bagi anak yang diizinkan berada di tempat kerja, seperti ruang tunggu atau area bermain anak',
      'Layanan pendampingan dan konseling bagi anak anggota yang menjadi korban kekerasan atau yang orang tuanya bekerja di lingkungan berisiko',
    ],
    commitments: [
      { responsible: 'kepBanten', category: CommitmentCategory.AWARENESS_CAMPAIGN, title: 'Kampanye kesadaran perlindungan anak bagi masyarakat dan anggota serikat', keyPointNumber: 1, startOn: '2023-04-01', dueOn: '2027-12-31', placeCodes: ['36'], reportingSchedule: SEMI_ANNUAL, targets: [{ indicator: 'Kampanye diselenggarakan', unit: 'campaigns', targetValue: 12 }, { indicator: 'Orang terjangkau', unit: 'people', targetValue: 5000 }] },
      { responsible: 'kepBanten', category: CommitmentCategory.TRAINING, title: 'Pelatihan pencegahan dan penanganan kekerasan terhadap anak bagi anggota serikat', keyPointNumber: 2, startOn: '2023-04-01', dueOn: '2027-12-31', placeCodes: ['36'], reportingSchedule: QUARTERLY, targets: [{ indicator: 'Anggota serikat terlatih', unit: 'people', targetValue: 400 }, { indicator: 'Sesi pelatihan', unit: 'sessions', targetValue: 16 }] },
      { responsible: 'kepBanten', category: CommitmentCategory.CHILD_FRIENDLY_FACILITY, title: 'Ruang tunggu dan area bermain anak di tempat kerja', keyPointNumber: 3, startOn: '2023-04-01', dueOn: '2027-12-31', placeCodes: ['36'], reportingSchedule: ANNUAL, targets: [{ indicator: 'Tempat kerja dengan fasilitas ramah anak', unit: 'facilities', targetValue: 20, aggregation: LATEST }] },
      { responsible: 'komnasBanten', category: CommitmentCategory.COUNSELLING_SERVICE, title: 'Pendampingan dan konseling bagi anak anggota serikat', keyPointNumber: 4, startOn: '2023-04-01', dueOn: '2027-12-31', placeCodes: ['36'], reportingSchedule: QUARTERLY, targets: [{ indicator: 'Anak didampingi', unit: 'children', targetValue: 150 }] },
    ],
  },
  {
    reference: 'APSAI/PKL/VI/2022', // assumed
    kind: AgreementKind.PROGRAMME_AGREEMENT,
    title: 'Pengukuhan dan program kerja APSAI Kota Pekalongan menuju Kota Layak Anak',
    summary:
      'DPMPPA Kota Pekalongan and the association of child-friendly companies (APSAI), confirmed on 15 June 2022 with a training on the ' +
      'Convention on the Rights of the Child for businesses; companies commit through policies, products and programmes to child rights and ' +
      'against child labour, an indicator of the Child-Friendly City (KLA) evaluation.',
    thematicAreas: [ThematicArea.CHILD_LABOUR, ThematicArea.CHILD_FRIENDLY_CITY],
    parties: [
      { org: 'dpmppaPekalongan', role: SIGNATORY, signatoryName: 'Sabaryo Pramono', signatoryTitle: 'Kepala DPMPPA Kota Pekalongan' },
      { org: 'apsaiPekalongan', role: SIGNATORY, signatoryName: 'Ketua APSAI Kota Pekalongan', signatoryTitle: 'Ketua' },
      { org: 'batikPekalongan', role: IMPLEMENTER },
    ],
    signedOn: '2022-06-15',
    effectiveFrom: '2022-06-15',
    effectiveUntil: '2027-06-14', // assumed: five years
    coveragePlaceCodes: ['33.75'],
    keyPoints: [
      'Pelatihan Konvensi Hak Anak bagi dunia usaha',
      'Kebijakan perusahaan ramah anak dan bebas pekerja anak',
      'Kegiatan pemenuhan dan perlindungan hak anak bersama Pemerintah Kota',
    ],
    commitments: [
      { responsible: 'dpmppaPekalongan', category: CommitmentCategory.TRAINING, title: 'Pelatihan Konvensi Hak Anak bagi pelaku usaha', keyPointNumber: 1, startOn: '2022-06-15', dueOn: '2026-12-31', placeCodes: ['33.75'], reportingSchedule: ANNUAL, targets: [{ indicator: 'Perusahaan terlatih', unit: 'companies', targetValue: 30 }] },
      { responsible: 'apsaiPekalongan', category: CommitmentCategory.POLICY_ADVOCACY, title: 'Kebijakan perusahaan bebas pekerja anak di anggota APSAI', keyPointNumber: 2, startOn: '2022-07-01', dueOn: '2026-12-31', placeCodes: ['33.75'], reportingSchedule: SEMI_ANNUAL, targets: [{ indicator: 'Anggota dengan kebijakan tertulis', unit: 'companies', targetValue: 15, aggregation: LATEST }] },
      { responsible: 'batikPekalongan', category: CommitmentCategory.CHILD_FRIENDLY_FACILITY, title: 'Ruang laktasi dan ruang bermain anak di tempat kerja', keyPointNumber: 3, startOn: '2022-07-01', dueOn: '2025-12-31', placeCodes: ['33.75'], reportingSchedule: ANNUAL, targets: [{ indicator: 'Fasilitas tersedia', unit: 'facilities', targetValue: 2, aggregation: LATEST }] },
    ],
  },
  {
    reference: 'PKS/DINSOS-DPPAPP/DKI/2023', // assumed: the article reports commitments, not an agreement number
    kind: AgreementKind.COOPERATION_AGREEMENT,
    title: 'Kerja sama perlindungan anak dan perempuan korban kekerasan di DKI Jakarta',
    summary:
      'Jakarta provincial government: the Panti Bakti Kasih shelter and a safe house (Rumah Aman) for child and women victims, training of ' +
      'child forums, communities and students on child rights, NGOs involved, and child-friendly public spaces (RPTRA).',
    thematicAreas: [ThematicArea.VIOLENCE_AGAINST_CHILDREN, ThematicArea.CHILD_FRIENDLY_CITY],
    parties: [
      { org: 'dinsosDki', role: SIGNATORY, signatoryName: 'Irmansyah', signatoryTitle: 'Kepala Dinas Sosial Provinsi DKI Jakarta' },
      { org: 'dppappDki', role: SIGNATORY },
    ],
    signedOn: '2023-01-16', // assumed
    effectiveFrom: '2023-01-16',
    effectiveUntil: '2027-12-31', // assumed
    coveragePlaceCodes: ['31'],
    keyPoints: [
      'Panti dan rumah aman bagi anak dan perempuan korban kekerasan',
      'Pelatihan hak anak bagi forum anak, komunitas dan pelajar',
      'Ruang publik terpadu ramah anak (RPTRA)',
    ],
    commitments: [
      { responsible: 'dinsosDki', category: CommitmentCategory.SHELTER_AND_REHABILITATION, title: 'Rehabilitasi di Panti Bakti Kasih dan Rumah Aman', keyPointNumber: 1, startOn: '2023-02-01', dueOn: '2027-12-31', placeCodes: ['31'], reportingSchedule: QUARTERLY, targets: [{ indicator: 'Korban direhabilitasi', unit: 'people', targetValue: 600 }] },
      { responsible: 'dppappDki', category: CommitmentCategory.TRAINING, title: 'Pelatihan hak anak bagi forum anak, komunitas dan pelajar', keyPointNumber: 2, startOn: '2023-02-01', dueOn: '2026-12-31', placeCodes: ['31'], reportingSchedule: SEMI_ANNUAL, targets: [{ indicator: 'Peserta terlatih', unit: 'people', targetValue: 3000 }] },
    ],
  },
  {
    reference: 'PKS/KPPPA-ECPAT/2017', // assumed: the agreement the 2020 renewal renews
    kind: AgreementKind.COOPERATION_AGREEMENT,
    title: 'Perjanjian Kerja Sama KPPPA dan ECPAT Indonesia',
    summary: 'Cooperation between the ministry and ECPAT Indonesia against the sexual exploitation of children (assumed earlier term).',
    thematicAreas: [ThematicArea.SEXUAL_EXPLOITATION_OF_CHILDREN],
    parties: [
      { org: 'kpppa', role: SIGNATORY },
      { org: 'ecpat', role: SIGNATORY },
    ],
    signedOn: '2017-03-13', // assumed
    effectiveFrom: '2017-03-13',
    effectiveUntil: '2020-03-12',
    coveragePlaceCodes: [],
    keyPoints: ['Pencegahan dan penanganan eksploitasi seksual anak', 'Penguatan layanan bagi korban'],
    commitments: [],
  },
  {
    reference: 'PKS/KPPPA-ECPAT/2020',
    renews: 'PKS/KPPPA-ECPAT/2017',
    kind: AgreementKind.COOPERATION_AGREEMENT,
    title: 'Pembaruan Perjanjian Kerja Sama KPPPA dan ECPAT Indonesia',
    summary:
      'On 12 March 2020 the Deputy for Child Protection of KPPPA agreed to renew the cooperation agreement with ECPAT Indonesia and to write ' +
      'to the UPTD PPA chosen as programme locations.',
    thematicAreas: [ThematicArea.SEXUAL_EXPLOITATION_OF_CHILDREN],
    parties: [
      { org: 'kpppa', role: SIGNATORY, signatoryName: 'Nahar', signatoryTitle: 'Deputi Bidang Perlindungan Anak' },
      { org: 'ecpat', role: SIGNATORY },
    ],
    signedOn: '2020-03-12',
    effectiveFrom: '2020-03-12',
    effectiveUntil: '2025-03-11', // assumed: five years (so it shows as EXPIRED now)
    coveragePlaceCodes: UPTD_PLACES,
    keyPoints: ['Pencegahan dan penanganan eksploitasi seksual anak', 'Penguatan layanan bagi korban', 'Surat penjelasan kepada UPTD PPA lokasi program'],
    commitments: [
      { responsible: 'kpppa', category: CommitmentCategory.COORDINATION_MEETING, title: 'Surat penjelasan dan koordinasi dengan UPTD PPA lokasi program', keyPointNumber: 3, startOn: '2020-03-12', dueOn: '2020-06-30', placeCodes: UPTD_PLACES, reportingSchedule: NONE, targets: [{ indicator: 'UPTD PPA dihubungi', unit: 'units', targetValue: 5 }] },
    ],
  },
  {
    reference: 'ECPAT-KNH/UPTD-PPA/2020', // assumed
    kind: AgreementKind.PROGRAMME_AGREEMENT,
    title: 'Peningkatan kapasitas UPTD PPA bagi korban eksploitasi seksual anak di lima wilayah',
    summary:
      'ECPAT Indonesia with Kindernothilfe (Germany): capacity building of the regional service units for women and child protection in DKI ' +
      'Jakarta, Kota Bandung, Kabupaten Sleman, Kota Surakarta and Kabupaten Sidoarjo; meetings on 10 April 2020 (in person) and 26–27 April ' +
      '2020 (online, Covid-19).',
    thematicAreas: [ThematicArea.SEXUAL_EXPLOITATION_OF_CHILDREN, ThematicArea.CHILD_PROTECTION],
    parties: [
      { org: 'ecpat', role: SIGNATORY },
      { org: 'knh', role: SIGNATORY }, // the funder, signing the project agreement
      { org: 'kpppa', role: WITNESS },
    ],
    signedOn: '2020-01-15', // assumed
    effectiveFrom: '2020-01-15',
    effectiveUntil: '2027-12-31', // assumed: extended programme
    coveragePlaceCodes: UPTD_PLACES,
    keyPoints: ['Pelatihan staf UPTD PPA', 'Standar layanan rehabilitasi korban'],
    commitments: [
      { responsible: 'ecpat', category: CommitmentCategory.CAPACITY_BUILDING, title: 'Pelatihan staf UPTD PPA di lima wilayah', keyPointNumber: 1, startOn: '2020-04-10', dueOn: '2027-06-30', placeCodes: UPTD_PLACES, reportingSchedule: SEMI_ANNUAL, targets: [{ indicator: 'UPTD PPA dilatih', unit: 'units', targetValue: 5, aggregation: LATEST }, { indicator: 'Staf terlatih', unit: 'people', targetValue: 120 }] },
    ],
  },
  {
    reference: 'KESEMPATAN/LPKP-KPPPA/2016', // assumed
    kind: AgreementKind.PROGRAMME_AGREEMENT,
    title: 'Program Kesempatan: penghapusan pekerja anak di perkebunan tembakau Kabupaten Probolinggo',
    summary:
      'Since 2016 LPKP Jawa Timur, supported by KPPPA: village child-friendly task forces and child forums in Alasnyiur and Alaskandang ' +
      '(Besuk) and Glagah and Pakuniran (Pakuniran), social mapping, workshops for cadres in Probolinggo, Lumajang and Jember, stakeholder ' +
      'meetings, advocacy for village regulations, and coordination of the PAACLA network.',
    thematicAreas: [ThematicArea.CHILD_LABOUR, ThematicArea.CHILD_FRIENDLY_CITY],
    parties: [
      { org: 'lpkp', role: SIGNATORY },
      { org: 'kpppa', role: SIGNATORY }, // supports the programme
    ],
    signedOn: '2016-01-04', // assumed
    effectiveFrom: '2016-01-04',
    effectiveUntil: '2026-12-31', // assumed
    coveragePlaceCodes: ['35.13', '35.08', '35.09'],
    keyPoints: [
      'Gugus Tugas Desa Layak Anak dan Forum Anak di empat desa',
      'Pemetaan sosial kelompok pemanfaat',
      'Lokakarya penguatan Kader Kesempatan di tiga kabupaten',
      'Advokasi peraturan desa untuk perlindungan anak dan penanggulangan pekerja anak',
    ],
    commitments: [
      { responsible: 'lpkp', category: CommitmentCategory.INSTITUTION_BUILDING, title: 'Gugus Tugas Desa Layak Anak dan Forum Anak di empat desa', keyPointNumber: 1, startOn: '2016-01-04', dueOn: '2026-06-30', placeCodes: PROBOLINGGO_VILLAGES, reportingSchedule: ANNUAL, targets: [{ indicator: 'Desa dengan gugus tugas aktif', unit: 'villages', targetValue: 4, aggregation: LATEST }, { indicator: 'Forum anak terbentuk', unit: 'forums', targetValue: 4, aggregation: LATEST }] },
      { responsible: 'lpkp', category: CommitmentCategory.SOCIAL_MAPPING, title: 'Pemetaan sosial: pekerja anak, anak rentan bekerja, anak disabilitas, orang tua tunggal, yatim piatu', keyPointNumber: 2, startOn: '2016-01-04', dueOn: '2017-12-31', placeCodes: PROBOLINGGO_VILLAGES, reportingSchedule: NONE, targets: [{ indicator: 'Desa terpetakan', unit: 'villages', targetValue: 4 }] },
      { responsible: 'lpkp', category: CommitmentCategory.CAPACITY_BUILDING, title: 'Lokakarya Kader Kesempatan di Probolinggo, Lumajang dan Jember', keyPointNumber: 3, startOn: '2019-01-01', dueOn: '2026-12-31', placeCodes: ['35.13', '35.08', '35.09'], reportingSchedule: ANNUAL, targets: [{ indicator: 'Lokakarya', unit: 'workshops', targetValue: 9 }, { indicator: 'Kader terlatih', unit: 'people', targetValue: 180 }] },
      { responsible: 'lpkp', category: CommitmentCategory.POLICY_ADVOCACY, title: 'Advokasi peraturan desa perlindungan anak', keyPointNumber: 4, startOn: '2020-01-01', dueOn: '2026-12-31', placeCodes: PROBOLINGGO_VILLAGES, reportingSchedule: ANNUAL, targets: [{ indicator: 'Peraturan desa disahkan', unit: 'regulations', targetValue: 4, aggregation: LATEST }] },
    ],
  },
];

/** Sample accounts, one per role (two partners), printed by the seed with the demo password. */
export const DEMO_USERS: { email: string; displayName: string; role: Role; organisation?: string }[] = [
  { email: 'admin@mitra.example', displayName: 'Admin Mitra', role: Role.ADMIN },
  { email: 'koordinator@mitra.example', displayName: 'Dewi Koordinator', role: Role.COORDINATOR },
  { email: 'auditor@mitra.example', displayName: 'Budi Auditor', role: Role.AUDITOR },
  { email: 'pelapor.spsi@mitra.example', displayName: 'Siti Pelapor (FSP KEP SPSI Banten)', role: Role.PARTNER, organisation: 'kepBanten' },
  { email: 'pelapor.lpkp@mitra.example', displayName: 'Agus Pelapor (LPKP)', role: Role.PARTNER, organisation: 'lpkp' },
];

/** Demo only: strong enough for the password rule, published in the README. Change it outside a demo. */
export const DEMO_PASSWORD = 'Mitra demo 2026 perlindungan anak';

export type DemoReportOutcome = 'DRAFT' | 'SUBMITTED' | 'SENT_BACK' | 'ACCEPTED';

/**
 * Progress reports on the demo commitments (all assumed: the articles report activities, not figures), so the
 * fulfilment views show something real: accepted reports, one waiting for review, one sent back, a draft.
 */
export interface DemoReport {
  agreement: string;
  keyPointNumber: number;
  reporter: string;
  activityFrom: string;
  activityUntil: string;
  placeCodes: string[];
  /** Achieved values, in the order of the commitment's targets. */
  values: number[];
  people?: { girls?: number; boys?: number; women?: number; men?: number; womenWithDisability?: number; girlsWithDisability?: number };
  narrative: string;
  outcome: DemoReportOutcome;
  comment?: string;
}

const BANTEN = 'NK/PD-FSPKEP-KOMNASPA/BTN/III/2023';
const KESEMPATAN = 'KESEMPATAN/LPKP-KPPPA/2016';
const SPSI = 'pelapor.spsi@mitra.example';
const LPKP = 'pelapor.lpkp@mitra.example';
const photo = (name: string) => ({ kind: EvidenceKind.PHOTO, title: `Foto ${name}`, url: `https://example.org/demo/${name}.jpg` });

export const DEMO_REVIEWER = 'koordinator@mitra.example';

export const DEMO_REPORTS: (DemoReport & { evidence: { kind: EvidenceKind; title: string; url: string }[] })[] = [
  { agreement: BANTEN, keyPointNumber: 2, reporter: SPSI, activityFrom: '2023-05-13', activityUntil: '2023-05-13', placeCodes: ['36.04'], values: [40, 1], people: { women: 22, men: 18 }, narrative: 'Pelatihan pencegahan kekerasan terhadap anak bagi anggota serikat di Serang', outcome: 'ACCEPTED', evidence: [photo('pelatihan-serang'), { kind: EvidenceKind.ATTENDANCE_LIST, title: 'Daftar hadir', url: 'https://example.org/demo/daftar-hadir-serang.pdf' }] },
  { agreement: BANTEN, keyPointNumber: 2, reporter: SPSI, activityFrom: '2023-09-16', activityUntil: '2023-09-16', placeCodes: ['36.72'], values: [35, 1], people: { women: 20, men: 15 }, narrative: 'Pelatihan di Cilegon', outcome: 'ACCEPTED', evidence: [photo('pelatihan-cilegon')] },
  { agreement: BANTEN, keyPointNumber: 2, reporter: SPSI, activityFrom: '2024-02-24', activityUntil: '2024-02-25', placeCodes: ['36.03'], values: [52, 2], people: { women: 30, men: 22, womenWithDisability: 2 }, narrative: 'Dua sesi pelatihan di Kabupaten Tangerang', outcome: 'ACCEPTED', evidence: [photo('pelatihan-tangerang')] },
  { agreement: BANTEN, keyPointNumber: 2, reporter: SPSI, activityFrom: '2025-08-09', activityUntil: '2025-08-09', placeCodes: ['36.04'], values: [45, 1], people: { women: 25, men: 20 }, narrative: 'Pelatihan lanjutan di Serang', outcome: 'SUBMITTED', evidence: [photo('pelatihan-serang-2025')] },
  { agreement: BANTEN, keyPointNumber: 1, reporter: SPSI, activityFrom: '2023-06-01', activityUntil: '2023-06-03', placeCodes: ['36'], values: [1, 1200], people: { girls: 200, boys: 180, women: 450, men: 370 }, narrative: 'Kampanye perlindungan anak di kawasan industri', outcome: 'ACCEPTED', evidence: [photo('kampanye-2023')] },
  { agreement: BANTEN, keyPointNumber: 1, reporter: SPSI, activityFrom: '2024-06-01', activityUntil: '2024-06-02', placeCodes: ['36'], values: [1, 900], people: { girls: 150, boys: 150, women: 320, men: 280 }, narrative: 'Kampanye Hari Anak', outcome: 'SENT_BACK', comment: 'Foto kegiatan dan daftar hadir belum dilampirkan', evidence: [] },
  { agreement: BANTEN, keyPointNumber: 3, reporter: SPSI, activityFrom: '2024-12-15', activityUntil: '2024-12-15', placeCodes: ['36'], values: [3], narrative: 'Tiga tempat kerja menyediakan ruang tunggu anak', outcome: 'ACCEPTED', evidence: [photo('ruang-tunggu-anak')] },
  { agreement: BANTEN, keyPointNumber: 3, reporter: SPSI, activityFrom: '2025-11-01', activityUntil: '2025-11-30', placeCodes: ['36'], values: [5], narrative: 'Dua tempat kerja lagi (draf)', outcome: 'DRAFT', evidence: [] },
  { agreement: KESEMPATAN, keyPointNumber: 2, reporter: LPKP, activityFrom: '2016-03-01', activityUntil: '2016-11-30', placeCodes: ['35.13.13.2003', '35.13.13.2015', '35.13.10.2010', '35.13.10.2006'], values: [4], people: { girls: 60, boys: 75 }, narrative: 'Pemetaan sosial di empat desa', outcome: 'ACCEPTED', evidence: [photo('pemetaan-sosial')] },
  { agreement: KESEMPATAN, keyPointNumber: 1, reporter: LPKP, activityFrom: '2017-01-10', activityUntil: '2018-12-31', placeCodes: ['35.13.13.2003', '35.13.13.2015', '35.13.10.2010', '35.13.10.2006'], values: [4, 4], people: { girls: 48, boys: 52, women: 20, men: 24 }, narrative: 'Gugus tugas dan forum anak terbentuk di keempat desa', outcome: 'ACCEPTED', evidence: [photo('forum-anak')] },
  { agreement: KESEMPATAN, keyPointNumber: 3, reporter: LPKP, activityFrom: '2019-10-08', activityUntil: '2019-10-10', placeCodes: ['35.13', '35.08', '35.09'], values: [3, 60], people: { women: 25, men: 35 }, narrative: 'Lokakarya Kader Kesempatan di Probolinggo, Lumajang dan Jember', outcome: 'ACCEPTED', evidence: [photo('lokakarya-2019')] },
  { agreement: KESEMPATAN, keyPointNumber: 3, reporter: LPKP, activityFrom: '2021-10-12', activityUntil: '2021-10-14', placeCodes: ['35.13', '35.08', '35.09'], values: [3, 58], people: { women: 30, men: 28 }, narrative: 'Lokakarya kedua', outcome: 'ACCEPTED', evidence: [photo('lokakarya-2021')] },
  { agreement: KESEMPATAN, keyPointNumber: 3, reporter: LPKP, activityFrom: '2025-10-07', activityUntil: '2025-10-08', placeCodes: ['35.13', '35.09'], values: [2, 40], people: { women: 18, men: 22 }, narrative: 'Lokakarya 2025', outcome: 'SUBMITTED', evidence: [photo('lokakarya-2025')] },
  { agreement: KESEMPATAN, keyPointNumber: 4, reporter: LPKP, activityFrom: '2022-03-01', activityUntil: '2022-08-01', placeCodes: ['35.13.13.2003'], values: [1], narrative: 'Peraturan Desa Alasnyiur tentang perlindungan anak disahkan', outcome: 'ACCEPTED', evidence: [] },
];
