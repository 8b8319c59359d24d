/**
 * Images in rendered documents (QR code, signatures), placed where a template says `{%name}`.
 *
 * Why not an image module: docxtemplater's image module is paid, and the free fork
 * (docxtemplater-image-module-free 1.1.1) still depends on the deprecated `xmldom@^0.1`, which has known
 * vulnerabilities. What an inline picture needs is small and fixed by ECMA-376, so we do it here:
 * 1. while rendering, the parser turns each `{%name}` whose value is an ImageValue into a marker text
 *    (render.ts), so the marker sits in the `<w:t>` where the tag was;
 * 2. `placeImages` splits that `<w:t>` around the marker and puts a `<w:drawing>` (inline picture) between
 *    the halves, adds the PNG as word/media/wj-image-N.png, a relationship to it in the part's .rels and
 *    the png content type if missing. A run may hold several `<w:t>` and `<w:drawing>` children, so the
 *    run's formatting and the surrounding text stay as they were.
 * Pure (works on a PizZip instance).
 */
import type PizZip from 'pizzip';
import type { ImageValue } from './mapping';

export const imageMarker = (index: number) => `@@WJIMG${index}@@`;
const MARKER_RE = /@@WJIMG(\d+)@@/;
const MARKER_RE_G = /@@WJIMG(\d+)@@/g;

const EMU_PER_MM = 36000;
const NS_WP = 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL_IMAGE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/image';

export function isImageValue(v: unknown): v is ImageValue {
  return !!v && typeof v === 'object' && (v as ImageValue).kind === 'image' && (v as ImageValue).png instanceof Uint8Array;
}

/** Width and height in pixels from a PNG's IHDR chunk; throws when the bytes are not a PNG. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.length < 24 || sig.some((b, i) => png[i] !== b)) throw new Error('not a PNG image');
  const dv = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: dv.getUint32(16), height: dv.getUint32(20) };
}

export function isPng(bytes: Uint8Array): boolean {
  try {
    pngSize(bytes);
    return true;
  } catch {
    return false;
  }
}

/** An image of at most maxW × maxH millimetres keeping the PNG's aspect ratio. */
export function fitImage(png: Uint8Array, maxWmm: number, maxHmm: number): ImageValue {
  const { width, height } = pngSize(png);
  const scale = Math.min(maxWmm / width, maxHmm / height);
  return { kind: 'image', png, widthMm: Math.round(width * scale * 10) / 10, heightMm: Math.round(height * scale * 10) / 10 };
}

function drawingXml(rId: string, id: number, img: ImageValue): string {
  const cx = Math.round(img.widthMm * EMU_PER_MM);
  const cy = Math.round(img.heightMm * EMU_PER_MM);
  return `<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="${cx}" cy="${cy}"/>`
    + `<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="${id}" name="图片 ${id}"/>`
    + '<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" noChangeAspect="1"/></wp:cNvGraphicFramePr>'
    + '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
    + `<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="${id}" name="wj-image-${id}.png"/><pic:cNvPicPr/></pic:nvPicPr>`
    + `<pic:blipFill><a:blip r:embed="${rId}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>`
    + `<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>`
    + '</a:graphicData></a:graphic></wp:inline></w:drawing>';
}

const relsPathOf = (part: string) => {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`;
};

/** Make sure the root element declares a namespace prefix the drawing uses. */
function ensureNamespace(xml: string, prefix: string, uri: string): string {
  const rootStart = xml.indexOf('<', xml.startsWith('<?xml') ? xml.indexOf('?>') + 2 : 0);
  const rootEnd = xml.indexOf('>', rootStart);
  const root = xml.slice(rootStart, rootEnd);
  if (root.includes(`xmlns:${prefix}=`)) return xml;
  return `${xml.slice(0, rootEnd)} xmlns:${prefix}="${uri}"${xml.slice(rootEnd)}`;
}

/**
 * Replace the markers left by rendering with inline pictures. `images[i]` is the image of marker i.
 * Returns how many were placed (a test checks every marker was).
 */
export function placeImages(zip: PizZip, images: readonly ImageValue[]): number {
  if (!images.length) return 0;
  let placed = 0;
  const mediaDone = new Set<number>();
  let docPrId = 7001;
  const parts = Object.keys(zip.files).filter((n) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(n));
  for (const part of parts) {
    let xml = zip.file(part)!.asText();
    if (!MARKER_RE.test(xml)) continue;
    const relsPath = relsPathOf(part);
    let rels = zip.file(relsPath)?.asText()
      ?? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
    const relIds = new Map<number, string>();
    const relFor = (i: number) => {
      let rId = relIds.get(i);
      if (!rId) {
        rId = `rIdWjImg${i}`;
        relIds.set(i, rId);
        rels = rels.replace('</Relationships>', `<Relationship Id="${rId}" Type="${REL_IMAGE}" Target="media/wj-image-${i}.png"/></Relationships>`);
        if (!mediaDone.has(i)) {
          zip.file(`word/media/wj-image-${i}.png`, images[i].png);
          mediaDone.add(i);
        }
      }
      return rId;
    };
    // every <w:t> holding a marker: close it before the marker, put the drawing, reopen it after
    xml = xml.replace(/<w:t(\s[^>]*)?>([^<]*)<\/w:t>/g, (whole, _attrs: string | undefined, text: string) => {
      if (!MARKER_RE.test(text)) return whole;
      const pieces = text.split(MARKER_RE_G); // [text, index, text, index, text …]
      let out = '';
      for (let k = 0; k < pieces.length; k++) {
        if (k % 2 === 0) {
          if (pieces[k]) out += `<w:t xml:space="preserve">${pieces[k]}</w:t>`;
        } else {
          const i = Number(pieces[k]);
          if (!images[i]) throw new Error(`image marker ${i} without an image`);
          out += drawingXml(relFor(i), docPrId++, images[i]);
          placed++;
        }
      }
      return out;
    });
    xml = ensureNamespace(ensureNamespace(xml, 'wp', NS_WP), 'r', NS_R);
    zip.file(part, xml);
    zip.file(relsPath, rels);
  }
  const ctPath = '[Content_Types].xml';
  const ct = zip.file(ctPath)!.asText();
  if (!/Extension="png"/i.test(ct)) {
    zip.file(ctPath, ct.replace('</Types>', '<Default Extension="png" ContentType="image/png"/></Types>'));
  }
  return placed;
}
