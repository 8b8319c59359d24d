/**
 * The template variables every document has: agency, number, dates, verification code and QR code, and
 * the signature block. Also the sample view used to validate and preview templates.
 */
import zlib from 'node:zlib';
import QRCode from 'qrcode';
import { MAPPINGS, documentType } from './catalogue';
import { fitImage } from './images';
import { cnDate, type ImageValue } from './mapping';
import { formatDocumentNumber, type Numbering } from './numbering';

export interface ViewSignature {
  role: string;
  name: string;
  signedAt: Date;
  refused: boolean;
  note: string | null;
  image: Uint8Array | null;
}

export interface CommonViewInput {
  agencyName: string;
  title: string;
  number: string;
  numbering: Numbering;
  issuedOn: string;
  verifyCode: string;
  verifyUrl: string;
  qr: Uint8Array;
  signatures: readonly ViewSignature[];
}

const SIGNATURE_MM = { w: 35, h: 14 };
const QR_MM = 25;
const dateOf = (d: Date) => cnDate(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d));

export function commonView(c: CommonViewInput): Record<string, unknown> {
  const party = c.signatures.find((s) => s.role === 'party');
  const sig = (s: ViewSignature): ImageValue | '' => (s.image ? fitImage(s.image, SIGNATURE_MM.w, SIGNATURE_MM.h) : '');
  return {
    agencyName: c.agencyName,
    title: c.title,
    number: c.number,
    numberLine: c.numbering.form === 'bianhao' ? `编号：${c.number}` : c.number,
    issuedOn: cnDate(c.issuedOn),
    verifyCode: c.verifyCode,
    verifyUrl: c.verifyUrl,
    qr: fitImage(c.qr, QR_MM, QR_MM),
    partySigned: Boolean(party?.image) && !party?.refused,
    partySignature: party && !party.refused ? sig(party) : '',
    partySignerName: party?.name ?? '',
    partySignedOn: party && !party.refused ? dateOf(party.signedAt) : '',
    partyRefused: Boolean(party?.refused),
    partyRefusalNote: party?.refused ? (party.note ?? '当事人拒绝签名') : '',
    inspectorSignatures: c.signatures.filter((s) => s.role === 'inspector' && s.image)
      .map((s) => ({ name: s.name, signedOn: dateOf(s.signedAt), image: sig(s) })),
  };
}

/** The QR code pointing to the public verification page (PNG, error correction M, about 25 mm when printed). */
export function qrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 240 });
}

/** A small PNG with a hand-drawn-looking stroke (RGBA), for sample data and tests. */
export function samplePng(width = 300, height = 120, seed = 1): Buffer {
  const px = Buffer.alloc(width * height * 4);
  const dot = (x: number, y: number) => {
    for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) {
      const xx = Math.round(x + dx);
      const yy = Math.round(y + dy);
      if (xx < 0 || yy < 0 || xx >= width || yy >= height || dx * dx + dy * dy > 5) continue;
      const i = (yy * width + xx) * 4;
      px[i] = 20; px[i + 1] = 30; px[i + 2] = 90; px[i + 3] = 255;
    }
  };
  for (let t = 0; t <= 1; t += 0.0015) {
    const x = 15 + t * (width - 30);
    const y = height / 2 + Math.sin(t * (9 + seed) * Math.PI) * height * 0.28 * Math.cos(t * 3 + seed);
    dot(x, y);
  }
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) px.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
  ]);
}

let sampleQr: Buffer | null = null;

/** The whole view of a type filled with its sample data (template validation and the administrator's preview). */
export async function sampleView(type: string): Promise<Record<string, unknown>> {
  const t = documentType(type)!;
  const m = MAPPINGS[type];
  sampleQr ??= await qrPng('https://weijian.example.gov.cn/public/documents/8K3QZ-7M2XH');
  const signedAt = new Date('2026-05-12T03:10:00Z');
  const data = m.schema.parse(m.sample);
  return {
    ...commonView({
      agencyName: '澄江市卫生健康监督所',
      title: t.name,
      number: formatDocumentNumber({ numbering: t.numbering, docPrefix: '澄卫', category: '医', year: 2026, seq: 12 }),
      numbering: t.numbering,
      issuedOn: '2026-05-12',
      verifyCode: '8K3QZ-7M2XH',
      verifyUrl: 'https://weijian.example.gov.cn/public/documents',
      qr: sampleQr,
      signatures: [
        { role: 'party', name: '周明远', signedAt, refused: false, note: null, image: samplePng(300, 120, 1) },
        { role: 'inspector', name: '王建国', signedAt, refused: false, note: null, image: samplePng(300, 120, 2) },
        { role: 'inspector', name: '李晓燕', signedAt, refused: false, note: null, image: samplePng(300, 120, 3) },
      ],
    }),
    ...m.view(data),
  };
}
