/**
 * Builds the default .docx templates of the document types (server/platform/documents/templates/*.docx)
 * with the `docx` package. Run after changing a layout:
 *
 *   npx tsx scripts/document-templates.ts
 *
 * The templates follow the layout of 《卫生行政执法文书规范》 and GB/T 9704 as far as a form allows: A4,
 * body 仿宋 三号 (16 pt) with a fixed 28 pt line, the agency's full name and the document's name at the top in
 * 宋体/黑体 bold, the number line, the body, the signature block (signature images or blank lines for ink),
 * the QR code with the verification code, and "第 X 页 共 Y 页" with the party's signature line in the
 * footer (the party signs every page of a record). Tags are docxtemplater's: {tag}, {#loop}…{/loop},
 * {^inverted}…{/inverted}, {%image} (an image, see server/platform/documents/images.ts).
 * test/documents-templates.test.ts checks that the committed files are what this script builds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AlignmentType, BorderStyle, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph, Table, TableCell, TableRow,
  TextRun, VerticalAlign, WidthType, convertMillimetersToTwip,
  type IParagraphOptions, type ParagraphChild,
} from 'docx';

const BODY_FONT = '仿宋';
const TITLE_FONT = '黑体';
const AGENCY_FONT = '宋体';
const BODY_SIZE = 32; // half-points: 16 pt = 三号
const LINE = 560; // 28 pt exact
const mm = convertMillimetersToTwip;
const PAGE = { width: mm(210), height: mm(297) };
const MARGIN = { top: mm(30), bottom: mm(28), left: mm(28), right: mm(26), header: mm(15), footer: mm(15) };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

const font = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });
const run = (text: string, opts: { bold?: boolean; size?: number; fontName?: string; underline?: boolean } = {}) => new TextRun({
  text, bold: opts.bold, size: opts.size, font: opts.fontName ? font(opts.fontName) : undefined,
  underline: opts.underline ? {} : undefined,
});

type Kids = (string | ParagraphChild)[];
const kids = (children: Kids) => children.map((c) => (typeof c === 'string' ? run(c) : c));

/** A body paragraph; `indent` = first-line indent of two characters (公文 style). */
const p = (children: Kids, opts: { indent?: boolean; align?: IParagraphOptions['alignment']; after?: number } = {}) => new Paragraph({
  children: kids(children),
  alignment: opts.align ?? AlignmentType.JUSTIFIED,
  indent: opts.indent ? { firstLine: 2 * 320 } : undefined,
  spacing: { line: LINE, lineRule: LineRuleType.EXACT, after: opts.after ?? 0 },
});

/** Top of every document: agency's full name, the document's name, the number line. */
function heading(title: string, numberAlign: 'right' | 'center' = 'right') {
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 600, lineRule: LineRuleType.EXACT },
      children: [run('{agencyName}', { bold: true, size: 36, fontName: AGENCY_FONT })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 720, lineRule: LineRuleType.EXACT, after: 120 },
      children: [run(title, { bold: true, size: 44, fontName: TITLE_FONT })],
    }),
    new Paragraph({
      alignment: numberAlign === 'right' ? AlignmentType.RIGHT : AlignmentType.CENTER,
      spacing: { line: LINE, lineRule: LineRuleType.EXACT, after: 120 },
      children: [run('{numberLine}')],
    }),
  ];
}

/** A loop over items, one paragraph each (docxtemplater paragraphLoop: the tag paragraphs disappear). */
const loop = (name: string, body: Kids) => [p([`{#${name}}`]), p(body, { indent: true }), p([`{/${name}}`])];

const NO_BORDERS = {
  top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideHorizontal: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
};

const cell = (children: Paragraph[], width: number) => new TableCell({
  children, width: { size: width, type: WidthType.DXA }, verticalAlign: VerticalAlign.CENTER,
});

/** A borderless table laying out columns of paragraphs. */
function layoutTable(columns: { width: number; children: Paragraph[] }[]) {
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: columns.map((c) => c.width),
    borders: NO_BORDERS,
    rows: [new TableRow({ children: columns.map((c) => cell(c.children, c.width)) })],
  });
}

const left = (children: Kids) => p(children, { align: AlignmentType.LEFT });

/** A paragraph that may hold an image: single line spacing, so the picture is not clipped to the 28 pt line. */
const imageLine = (children: Kids, align: IParagraphOptions['alignment'] = AlignmentType.LEFT) => new Paragraph({
  children: kids(children), alignment: align, spacing: { line: 240, lineRule: LineRuleType.AUTO },
});

/** 当事人 signature: the image when signed on screen, the refusal when refused, else a blank line for ink. */
const partySignature = (label: string) => imageLine([
  label,
  '{#partySigned}{%partySignature}{/partySigned}',
  '{#partyRefused}拒绝签名（{partyRefusalNote}）{/partyRefused}',
  '{^partySigned}{^partyRefused}',
  run('　　　　　　　', { underline: true }),
  '{/partyRefused}{/partySigned}',
]);

const inspectorSignatures = (label: string) => imageLine([
  label,
  '{#inspectorSignatures}{%image} {/inspectorSignatures}',
  '{^inspectorSignatures}',
  run('　　　　　　　', { underline: true }),
  '{/inspectorSignatures}',
]);

/** The verification block: QR code beside the code and how to check it. */
function verification() {
  const small = (children: Kids) => new Paragraph({
    children: children.map((c) => (typeof c === 'string' ? run(c, { size: 21 }) : c)),
    alignment: AlignmentType.LEFT,
    spacing: { line: 320, lineRule: LineRuleType.EXACT },
  });
  const qrWidth = mm(30);
  return layoutTable([
    { width: qrWidth, children: [imageLine(['{%qr}'], AlignmentType.CENTER)] },
    {
      width: CONTENT_WIDTH - qrWidth,
      children: [
        small(['验真码：', run('{verifyCode}', { size: 24, bold: true })]),
        small(['扫描左侧二维码或登录 {verifyUrl} 输入验真码，可核验本文书的文号、签发机关、签发日期和文件哈希。']),
      ],
    },
  ]);
}

function footer(withPartyLine: boolean, partyLabel: string) {
  const children: ParagraphChild[] = [];
  if (withPartyLine) children.push(run(`${partyLabel}签名：`, { size: 24 }), run('　　　　　　　　', { size: 24, underline: true }), run('　　　　', { size: 24 }));
  children.push(new TextRun({ size: 24, children: ['第 ', PageNumber.CURRENT, ' 页 共 ', PageNumber.TOTAL_PAGES, ' 页'] }));
  return new Footer({ children: [new Paragraph({ alignment: withPartyLine ? AlignmentType.RIGHT : AlignmentType.CENTER, children })] });
}

function document(children: (Paragraph | Table)[], foot: Footer) {
  return new Document({
    creator: 'Weijian',
    title: '执法文书模板',
    styles: {
      default: {
        document: {
          run: { font: font(BODY_FONT), size: BODY_SIZE },
          paragraph: { spacing: { line: LINE, lineRule: LineRuleType.EXACT } },
        },
      },
    },
    sections: [{
      properties: { page: { size: PAGE, margin: MARGIN } },
      footers: { default: foot },
      children,
    }],
  });
}

/** 现场笔录. */
function onsiteRecord() {
  return document([
    ...heading('现场笔录'),
    left(['被检查人：{partyName}']),
    left(['地址：{partyAddress}']),
    left(['法定代表人（负责人）：{partyLegalRep}　　联系电话：{partyPhone}']),
    left(['检查地点：{place}']),
    left(['检查时间：{timeSpan}']),
    left(['执法人员：{inspectorsLine}']),
    left(['记录人：{recorder}　　在场人：{presentLine}']),
    p(['我们是{agencyName}的执法人员，已向你出示执法证件。现依法进行现场检查，请予以配合。你（单位）是否申请回避？'], { indent: true }),
    p(['回答：{avoidance}'], { indent: true }),
    left([run('现场检查情况：', { bold: true })]),
    ...loop('findings', ['{no}．{text}']),
    p(['被检查人意见：{partyOpinion}'], { indent: true, after: 240 }),
    partySignature('被检查人签名：'),
    left(['日期：{partySignedOn}']),
    inspectorSignatures('执法人员签名：'),
    left(['日期：{issuedOn}']),
    p([''], { after: 120 }),
    verification(),
  ], footer(true, '被检查人'));
}

/** 卫生监督意见书. */
function supervisionOpinion() {
  const half = Math.round(CONTENT_WIDTH / 2);
  return document([
    ...heading('卫生监督意见书'),
    left(['被监督人：{partyName}']),
    left(['地址：{partyAddress}']),
    left(['法定代表人（负责人）：{partyLegalRep}　　联系电话：{partyPhone}']),
    left([run('监督意见：', { bold: true })]),
    p(['经检查，你单位存在以下问题：'], { indent: true }),
    ...loop('problems', ['{no}．{text}']),
    p(['{#hasBasis}依据{basis}的规定，{/hasBasis}{#hasDeadline}责令你单位于{deadline}前改正下列问题：{/hasDeadline}{^hasDeadline}责令你单位改正下列问题：{/hasDeadline}'], { indent: true }),
    ...loop('requirements', ['{no}．{text}']),
    p(['{remarks}'], { indent: true }),
    p(['{#hasDeadline}逾期不改正的，本机关将依法处理。{/hasDeadline}'], { indent: true, after: 240 }),
    layoutTable([
      { width: half, children: [partySignature('被监督人签收：'), left(['日期：{partySignedOn}'])] },
      {
        width: CONTENT_WIDTH - half,
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, children: [run('{agencyName}（盖章）')] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [run('{issuedOn}')] }),
        ],
      },
    ]),
    inspectorSignatures('执法人员签名：'),
    p([''], { after: 120 }),
    verification(),
    new Paragraph({ children: [run('备注：本意见书一式两联，第一联留存执法案卷，第二联交被监督人。', { size: 24 })] }),
  ], footer(false, ''));
}

export const DEFAULT_TEMPLATE_BUILDERS: Record<string, () => Document> = {
  onsite_record: onsiteRecord,
  supervision_opinion: supervisionOpinion,
};

export const TEMPLATE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '../server/platform/documents/templates');

export async function buildTemplate(code: string): Promise<Buffer> {
  return Packer.toBuffer(DEFAULT_TEMPLATE_BUILDERS[code]());
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  fs.mkdirSync(TEMPLATE_DIR, { recursive: true });
  for (const code of Object.keys(DEFAULT_TEMPLATE_BUILDERS)) {
    const file = path.join(TEMPLATE_DIR, `${code}.docx`);
    fs.writeFileSync(file, await buildTemplate(code));
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}
