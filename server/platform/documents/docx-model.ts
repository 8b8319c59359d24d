/**
 * Reads a filled .docx into a small layout model for the PDF: sections' page size and margins, paragraphs
 * (alignment, spacing, indentation, runs with font, size, bold, underline), tables (grid, spans, vertical
 * merges, borders, cell margins), inline pictures, tabs, breaks, and the PAGE / NUMPAGES fields of footers
 * and headers. Styles are resolved in Word's order: document defaults, paragraph style chain, run style
 * chain, direct formatting. What a printed enforcement document does not use (text boxes, shapes, numbering
 * bullets, footnotes, columns) is left out. Pure.
 */
import PizZip from 'pizzip';
import { DOMParser, type Element, type Node } from '@xmldom/xmldom';

export interface RunStyle {
  bold: boolean;
  size: number; // pt
  font: string;
  underline: boolean;
  color: string | null; // hex RRGGBB
  hidden: boolean;
}

export type Inline =
  | { kind: 'text'; text: string; style: RunStyle }
  | { kind: 'image'; data: Uint8Array; width: number; height: number; style: RunStyle } // pt
  | { kind: 'tab'; style: RunStyle }
  | { kind: 'break'; style: RunStyle }
  | { kind: 'pageBreak' }
  | { kind: 'field'; field: 'PAGE' | 'NUMPAGES'; style: RunStyle };

export interface ParaStyle {
  align: 'left' | 'center' | 'right' | 'justify';
  before: number;
  after: number;
  line: { rule: 'auto'; mult: number } | { rule: 'exact' | 'atLeast'; pt: number };
  indLeft: number;
  indRight: number;
  firstLine: number; // negative = hanging
  firstLineChars: number | null; // in characters (overrides firstLine)
  pageBreakBefore: boolean;
}

export interface Paragraph { kind: 'p'; style: ParaStyle; markStyle: RunStyle; items: Inline[] }

export interface Border { width: number; color: string }
export interface Borders { top?: Border | null; bottom?: Border | null; left?: Border | null; right?: Border | null; insideH?: Border | null; insideV?: Border | null }

export interface Cell {
  span: number;
  vMerge: 'restart' | 'continue' | null;
  vAlign: 'top' | 'center' | 'bottom';
  borders: Borders;
  blocks: Block[];
}

export interface Table {
  kind: 'table';
  grid: number[]; // pt
  borders: Borders;
  cellMargin: { left: number; right: number; top: number; bottom: number };
  rows: { height: number | null; exact: boolean; cells: Cell[] }[];
}

export type Block = Paragraph | Table;

export interface Section {
  pageWidth: number;
  pageHeight: number;
  margin: { top: number; bottom: number; left: number; right: number; header: number; footer: number };
  header: Block[];
  footer: Block[];
  blocks: Block[];
}

export interface DocModel { sections: Section[]; defaultTab: number }

const tw = (v: string | null | undefined, dflt = 0) => (v == null || v === '' ? dflt : Number(v) / 20);
const onOff = (el: Element | null): boolean | undefined => {
  if (!el) return undefined;
  const v = el.getAttribute('w:val');
  return !(v === '0' || v === 'false' || v === 'off');
};

function kids(el: Element | null | undefined, name?: string): Element[] {
  const out: Element[] = [];
  if (!el) return out;
  for (let n: Node | null = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (!name || (n as Element).nodeName === name)) out.push(n as Element);
  }
  return out;
}
const kid = (el: Element | null | undefined, name: string): Element | null => kids(el, name)[0] ?? null;

type PartialRun = Partial<RunStyle>;
type PartialPara = Partial<ParaStyle>;

function readRPr(rPr: Element | null): PartialRun {
  const out: PartialRun = {};
  if (!rPr) return out;
  const b = onOff(kid(rPr, 'w:b'));
  if (b !== undefined) out.bold = b;
  const sz = kid(rPr, 'w:sz')?.getAttribute('w:val');
  if (sz) out.size = Number(sz) / 2;
  const f = kid(rPr, 'w:rFonts');
  const name = f?.getAttribute('w:eastAsia') || f?.getAttribute('w:ascii') || f?.getAttribute('w:hAnsi');
  if (name) out.font = name;
  const u = kid(rPr, 'w:u');
  if (u) out.underline = u.getAttribute('w:val') !== 'none';
  const c = kid(rPr, 'w:color')?.getAttribute('w:val');
  if (c && /^[0-9a-f]{6}$/i.test(c)) out.color = c;
  const hidden = onOff(kid(rPr, 'w:vanish'));
  if (hidden !== undefined) out.hidden = hidden;
  return out;
}

function readPPr(pPr: Element | null): PartialPara {
  const out: PartialPara = {};
  if (!pPr) return out;
  const jc = kid(pPr, 'w:jc')?.getAttribute('w:val');
  if (jc) out.align = jc === 'center' ? 'center' : jc === 'right' || jc === 'end' ? 'right' : jc === 'both' || jc === 'distribute' ? 'justify' : 'left';
  const sp = kid(pPr, 'w:spacing');
  if (sp) {
    if (sp.hasAttribute('w:before')) out.before = tw(sp.getAttribute('w:before'));
    if (sp.hasAttribute('w:after')) out.after = tw(sp.getAttribute('w:after'));
    if (sp.hasAttribute('w:line')) {
      const rule = sp.getAttribute('w:lineRule') || 'auto';
      const v = Number(sp.getAttribute('w:line'));
      out.line = rule === 'auto' ? { rule: 'auto', mult: v / 240 } : { rule: rule === 'exact' ? 'exact' : 'atLeast', pt: v / 20 };
    }
  }
  const ind = kid(pPr, 'w:ind');
  if (ind) {
    const l = ind.getAttribute('w:left') || ind.getAttribute('w:start');
    const r = ind.getAttribute('w:right') || ind.getAttribute('w:end');
    if (l) out.indLeft = tw(l);
    if (r) out.indRight = tw(r);
    if (ind.getAttribute('w:hanging')) out.firstLine = -tw(ind.getAttribute('w:hanging'));
    else if (ind.getAttribute('w:firstLine')) out.firstLine = tw(ind.getAttribute('w:firstLine'));
    const chars = ind.getAttribute('w:firstLineChars');
    if (chars && Number(chars) > 0) out.firstLineChars = Number(chars) / 100;
    const hc = ind.getAttribute('w:hangingChars');
    if (hc && Number(hc) > 0) out.firstLineChars = -Number(hc) / 100;
  }
  const pb = onOff(kid(pPr, 'w:pageBreakBefore'));
  if (pb !== undefined) out.pageBreakBefore = pb;
  return out;
}

function readBorders(el: Element | null): Borders {
  const out: Borders = {};
  if (!el) return out;
  const map: [string, keyof Borders][] = [
    ['w:top', 'top'], ['w:bottom', 'bottom'], ['w:left', 'left'], ['w:start', 'left'], ['w:right', 'right'], ['w:end', 'right'],
    ['w:insideH', 'insideH'], ['w:insideV', 'insideV'],
  ];
  for (const [tag, key] of map) {
    const b = kid(el, tag);
    if (!b) continue;
    const val = b.getAttribute('w:val');
    if (!val || val === 'none' || val === 'nil') out[key] = null;
    else {
      const color = b.getAttribute('w:color');
      out[key] = { width: Math.max(0.25, Number(b.getAttribute('w:sz') || 4) / 8), color: color && /^[0-9a-f]{6}$/i.test(color) ? color : '000000' };
    }
  }
  return out;
}

interface StyleDef { type: string; basedOn: string | null; pPr: PartialPara; rPr: PartialRun; tblBorders: Borders }

const BASE_RUN: RunStyle = { bold: false, size: 10.5, font: '宋体', underline: false, color: null, hidden: false };
const BASE_PARA: ParaStyle = {
  align: 'left', before: 0, after: 0, line: { rule: 'auto', mult: 1 }, indLeft: 0, indRight: 0, firstLine: 0, firstLineChars: null, pageBreakBefore: false,
};

class Styles {
  private defs = new Map<string, StyleDef>();
  defaultRun: RunStyle = { ...BASE_RUN };
  defaultPara: ParaStyle = { ...BASE_PARA };
  defaultParaStyle: string | null = null;
  defaultTableStyle: string | null = null;

  constructor(xml: string | null) {
    if (!xml) return;
    const root = new DOMParser().parseFromString(xml, 'text/xml').documentElement!;
    const dd = kid(root, 'w:docDefaults');
    Object.assign(this.defaultRun, readRPr(kid(kid(dd, 'w:rPrDefault'), 'w:rPr')));
    Object.assign(this.defaultPara, readPPr(kid(kid(dd, 'w:pPrDefault'), 'w:pPr')));
    for (const s of kids(root, 'w:style')) {
      const id = s.getAttribute('w:styleId') ?? '';
      const type = s.getAttribute('w:type') ?? 'paragraph';
      this.defs.set(id, {
        type,
        basedOn: kid(s, 'w:basedOn')?.getAttribute('w:val') ?? null,
        pPr: readPPr(kid(s, 'w:pPr')),
        rPr: readRPr(kid(s, 'w:rPr')),
        tblBorders: readBorders(kid(kid(s, 'w:tblPr'), 'w:tblBorders')),
      });
      const isDefault = s.getAttribute('w:default');
      if (isDefault === '1' || isDefault === 'true' || isDefault === 'on') {
        if (type === 'paragraph') this.defaultParaStyle = id;
        if (type === 'table') this.defaultTableStyle = id;
      }
    }
  }

  /** The style and its ancestors, the root first. */
  chain(id: string | null): StyleDef[] {
    const out: StyleDef[] = [];
    const seen = new Set<string>();
    for (let cur = id; cur && !seen.has(cur); cur = this.defs.get(cur)?.basedOn ?? null) {
      seen.add(cur);
      const d = this.defs.get(cur);
      if (d) out.unshift(d);
    }
    return out;
  }

  tableBorders(id: string | null): Borders {
    return Object.assign({}, ...this.chain(id ?? this.defaultTableStyle).map((d) => d.tblBorders));
  }
}

interface Ctx {
  zip: PizZip;
  styles: Styles;
  rels: Map<string, string>; // rId → target path in the zip
}

function relsOf(zip: PizZip, part: string): Map<string, string> {
  const slash = part.lastIndexOf('/');
  const dir = part.slice(0, slash);
  const file = zip.file(`${dir}/_rels/${part.slice(slash + 1)}.rels`);
  const map = new Map<string, string>();
  if (!file) return map;
  const root = new DOMParser().parseFromString(file.asText(), 'text/xml').documentElement!;
  for (const r of kids(root, 'Relationship')) {
    const target = r.getAttribute('Target') ?? '';
    map.set(r.getAttribute('Id') ?? '', target.startsWith('/') ? target.slice(1) : `${dir}/${target}`.replace(/[^/]+\/\.\.\//g, ''));
  }
  return map;
}

function paragraph(p: Element, ctx: Ctx): Paragraph {
  const pPr = kid(p, 'w:pPr');
  const styleId = kid(pPr, 'w:pStyle')?.getAttribute('w:val') ?? ctx.styles.defaultParaStyle;
  const chain = ctx.styles.chain(styleId);
  const style: ParaStyle = Object.assign({ ...ctx.styles.defaultPara }, ...chain.map((d) => d.pPr), readPPr(pPr));
  const paraRun: RunStyle = Object.assign({ ...ctx.styles.defaultRun }, ...chain.map((d) => d.rPr));
  const markStyle: RunStyle = { ...paraRun, ...readRPr(kid(pPr, 'w:rPr')) };
  const items: Inline[] = [];
  let field: { instr: string; phase: 'instr' | 'result' } | null = null;

  const runStyle = (r: Element): RunStyle => {
    const rPr = kid(r, 'w:rPr');
    const rStyle = kid(rPr, 'w:rStyle')?.getAttribute('w:val') ?? null;
    return Object.assign({ ...paraRun }, ...ctx.styles.chain(rStyle).map((d) => d.rPr), readRPr(rPr));
  };
  const pushField = (instr: string, style: RunStyle) => {
    const name = instr.trim().split(/\s+/)[0]?.toUpperCase();
    if (name === 'PAGE' || name === 'NUMPAGES') items.push({ kind: 'field', field: name, style });
    return name === 'PAGE' || name === 'NUMPAGES';
  };

  const visitRun = (r: Element) => {
    const style = runStyle(r);
    if (style.hidden) return;
    for (const c of kids(r)) {
      switch (c.nodeName) {
        case 'w:fldChar': {
          const t = c.getAttribute('w:fldCharType');
          if (t === 'begin') field = { instr: '', phase: 'instr' };
          else if (t === 'separate' && field) {
            field.phase = 'result';
            // a known field is drawn by us; its cached result (if any) is skipped
            if (pushField(field.instr, style)) field.instr = '\u0000done';
          } else if (t === 'end') {
            if (field && field.phase === 'instr') pushField(field.instr, style);
            field = null;
          }
          break;
        }
        case 'w:instrText':
          if (field && field.phase === 'instr') field.instr += c.textContent ?? '';
          break;
        case 'w:t':
          if (field && field.phase === 'result' && field.instr === '\u0000done') break;
          if (c.textContent) items.push({ kind: 'text', text: c.textContent, style });
          break;
        case 'w:tab': items.push({ kind: 'tab', style }); break;
        case 'w:br':
          if (c.getAttribute('w:type') === 'page') items.push({ kind: 'pageBreak' });
          else items.push({ kind: 'break', style });
          break;
        case 'w:cr': items.push({ kind: 'break', style }); break;
        case 'w:drawing': {
          const img = drawing(c, ctx, style);
          if (img) items.push(img);
          break;
        }
        default: break;
      }
    }
  };

  const visit = (el: Element) => {
    for (const c of kids(el)) {
      switch (c.nodeName) {
        case 'w:r': visitRun(c); break;
        case 'w:fldSimple': {
          const before = items.length;
          if (!pushField(c.getAttribute('w:instr') ?? '', markStyle)) visit(c);
          else if (items.length === before) visit(c);
          break;
        }
        case 'w:hyperlink': case 'w:smartTag': case 'w:ins': case 'w:customXml': case 'w:sdtContent': case 'w:dir': case 'w:bdo':
          visit(c);
          break;
        case 'w:sdt': visit(c); break;
        default: break; // w:del, w:proofErr, bookmarks, comments, mc:AlternateContent (text boxes, shapes)
      }
    }
  };
  visit(p);
  return { kind: 'p', style, markStyle, items };
}

function drawing(d: Element, ctx: Ctx, style: RunStyle): Inline | null {
  const holder = kid(d, 'wp:inline') ?? kid(d, 'wp:anchor');
  const extent = kid(holder, 'wp:extent');
  if (!holder || !extent) return null;
  const blip = d.getElementsByTagName('a:blip')[0];
  const rId = blip?.getAttribute('r:embed');
  const target = rId ? ctx.rels.get(rId) : undefined;
  const file = target ? ctx.zip.file(target) : null;
  if (!file) return null;
  const data = file.asUint8Array();
  // PDF takes PNG and JPEG; other formats (EMF, GIF…) are left out
  const isPng = data[0] === 0x89 && data[1] === 0x50;
  const isJpeg = data[0] === 0xff && data[1] === 0xd8;
  if (!isPng && !isJpeg) return null;
  const emuToPt = (v: string | null) => Number(v ?? 0) / 12700;
  return { kind: 'image', data, width: emuToPt(extent.getAttribute('cx')), height: emuToPt(extent.getAttribute('cy')), style };
}

function table(t: Element, ctx: Ctx): Table {
  const tblPr = kid(t, 'w:tblPr');
  const styleId = kid(tblPr, 'w:tblStyle')?.getAttribute('w:val') ?? null;
  const borders: Borders = { ...ctx.styles.tableBorders(styleId), ...readBorders(kid(tblPr, 'w:tblBorders')) };
  const mar = kid(tblPr, 'w:tblCellMar');
  const m = (tag: string, alt: string, dflt: number) => {
    const e = kid(mar, tag) ?? kid(mar, alt);
    return e ? tw(e.getAttribute('w:w')) : dflt;
  };
  const cellMargin = { left: m('w:left', 'w:start', 5.4), right: m('w:right', 'w:end', 5.4), top: m('w:top', 'w:top', 0), bottom: m('w:bottom', 'w:bottom', 0) };
  const grid = kids(kid(t, 'w:tblGrid'), 'w:gridCol').map((g) => tw(g.getAttribute('w:w')));
  const rows = kids(t, 'w:tr').map((tr) => {
    const trH = kid(kid(tr, 'w:trPr'), 'w:trHeight');
    const cells = kids(tr, 'w:tc').map((tc): Cell => {
      const tcPr = kid(tc, 'w:tcPr');
      const vm = kid(tcPr, 'w:vMerge');
      const va = kid(tcPr, 'w:vAlign')?.getAttribute('w:val');
      return {
        span: Number(kid(tcPr, 'w:gridSpan')?.getAttribute('w:val') ?? 1),
        vMerge: vm ? (vm.getAttribute('w:val') === 'restart' ? 'restart' : 'continue') : null,
        vAlign: va === 'center' ? 'center' : va === 'bottom' ? 'bottom' : 'top',
        borders: readBorders(kid(tcPr, 'w:tcBorders')),
        blocks: blocks(tc, ctx),
      };
    });
    return { height: trH ? tw(trH.getAttribute('w:val')) : null, exact: trH?.getAttribute('w:hRule') === 'exact', cells };
  });
  const cols = Math.max(grid.length, ...rows.map((r) => r.cells.reduce((s, c) => s + c.span, 0)));
  while (grid.length < cols) grid.push(grid.length ? grid[grid.length - 1] : 72);
  return { kind: 'table', grid, borders, cellMargin, rows };
}

function blocks(container: Element, ctx: Ctx): Block[] {
  const out: Block[] = [];
  for (const c of kids(container)) {
    if (c.nodeName === 'w:p') out.push(paragraph(c, ctx));
    else if (c.nodeName === 'w:tbl') out.push(table(c, ctx));
    else if (c.nodeName === 'w:sdt') out.push(...blocks(kid(c, 'w:sdtContent') ?? c, ctx));
    else if (c.nodeName === 'w:customXml') out.push(...blocks(c, ctx));
  }
  return out;
}

function headerFooter(zip: PizZip, styles: Styles, docRels: Map<string, string>, sectPr: Element | null, tag: 'w:headerReference' | 'w:footerReference'): Block[] {
  const refs = kids(sectPr, tag);
  const ref = refs.find((r) => r.getAttribute('w:type') === 'default') ?? refs[0];
  const target = ref ? docRels.get(ref.getAttribute('r:id') ?? '') : undefined;
  const file = target ? zip.file(target) : null;
  if (!file) return [];
  const root = new DOMParser().parseFromString(file.asText(), 'text/xml').documentElement!;
  return blocks(root, { zip, styles, rels: relsOf(zip, target!) });
}

function section(sectPr: Element | null, body: Block[], zip: PizZip, styles: Styles, docRels: Map<string, string>, prev: Section | null): Section {
  const pgSz = kid(sectPr, 'w:pgSz');
  const pgMar = kid(sectPr, 'w:pgMar');
  const header = headerFooter(zip, styles, docRels, sectPr, 'w:headerReference');
  const footer = headerFooter(zip, styles, docRels, sectPr, 'w:footerReference');
  return {
    pageWidth: tw(pgSz?.getAttribute('w:w'), 595.3),
    pageHeight: tw(pgSz?.getAttribute('w:h'), 841.9),
    margin: {
      top: Math.abs(tw(pgMar?.getAttribute('w:top'), 72)),
      bottom: Math.abs(tw(pgMar?.getAttribute('w:bottom'), 72)),
      left: tw(pgMar?.getAttribute('w:left') ?? pgMar?.getAttribute('w:start'), 90),
      right: tw(pgMar?.getAttribute('w:right') ?? pgMar?.getAttribute('w:end'), 90),
      header: tw(pgMar?.getAttribute('w:header'), 42.5),
      footer: tw(pgMar?.getAttribute('w:footer'), 49.6),
    },
    // a section without its own header/footer inherits the previous one (Word's rule)
    header: header.length || !prev ? header : prev.header,
    footer: footer.length || !prev ? footer : prev.footer,
    blocks: body,
  };
}

/** Read a .docx into the layout model. Throws when it is not a Word document. */
export function readDocx(docx: Uint8Array): DocModel {
  const zip = new PizZip(docx);
  const main = zip.file('word/document.xml');
  if (!main) throw new Error('not a .docx: word/document.xml is missing');
  const styles = new Styles(zip.file('word/styles.xml')?.asText() ?? null);
  const settings = zip.file('word/settings.xml')?.asText();
  const tab = settings ? /<w:defaultTabStop w:val="(\d+)"/.exec(settings)?.[1] : undefined;
  const docRels = relsOf(zip, 'word/document.xml');
  const ctx: Ctx = { zip, styles, rels: docRels };
  const root = new DOMParser().parseFromString(main.asText(), 'text/xml').documentElement!;
  const body = kid(root, 'w:body');
  const sections: Section[] = [];
  let current: Block[] = [];
  for (const c of kids(body)) {
    if (c.nodeName === 'w:sectPr') continue;
    if (c.nodeName === 'w:p') {
      current.push(paragraph(c, ctx));
      const sp = kid(kid(c, 'w:pPr'), 'w:sectPr');
      if (sp) {
        sections.push(section(sp, current, zip, styles, docRels, sections.at(-1) ?? null));
        current = [];
      }
    } else if (c.nodeName === 'w:tbl') current.push(table(c, ctx));
    else if (c.nodeName === 'w:sdt') current.push(...blocks(kid(c, 'w:sdtContent') ?? c, ctx));
  }
  sections.push(section(kid(body, 'w:sectPr'), current, zip, styles, docRels, sections.at(-1) ?? null));
  return { sections, defaultTab: tab ? Number(tab) / 20 : 21 };
}

/** The visible text of a .docx, paragraph by paragraph (body, then footers), e.g. for identity checks. */
export function docxText(docx: Uint8Array): string {
  const model = readDocx(docx);
  const lines: string[] = [];
  const walk = (bs: Block[]) => {
    for (const b of bs) {
      if (b.kind === 'p') lines.push(b.items.map((i) => (i.kind === 'text' ? i.text : i.kind === 'tab' ? '\t' : i.kind === 'break' ? '\n' : '')).join(''));
      else for (const r of b.rows) for (const c of r.cells) walk(c.blocks);
    }
  };
  for (const s of model.sections) {
    walk(s.header);
    walk(s.blocks);
    walk(s.footer);
  }
  return lines.join('\n');
}
