/** Rendering templates: tags filled, images placed as valid WordprocessingML, template errors explained in Chinese. */
import { describe, expect, it } from 'vitest';
import PizZip from 'pizzip';
import { DOMParser } from '@xmldom/xmldom';
import { MAPPINGS } from './catalogue';
import { docxText, readDocx } from './docx-model';
import { fitImage, imageMarker, isPng, placeImages, pngSize } from './images';
import { renderDocx, templateTags, TemplateProblem } from './render';
import { defaultTemplate } from './templates';
import { samplePng, sampleView } from './view';

const xmlOk = (xml: string) => {
  const errors: string[] = [];
  new DOMParser({ onError: (level, msg) => { if (level !== 'warning') errors.push(msg); } }).parseFromString(xml, 'text/xml');
  return errors;
};

/** A copy of a template with its document.xml edited. */
function edited(template: Uint8Array, edit: (xml: string) => string): Buffer {
  const zip = new PizZip(template);
  zip.file('word/document.xml', edit(zip.file('word/document.xml')!.asText()));
  return zip.generate({ type: 'nodebuffer' });
}

describe('default templates with sample data', () => {
  for (const type of Object.keys(MAPPINGS)) {
    it(`${type}: every tag has a value and every image is placed as an inline picture`, async () => {
      const { docx, missing } = renderDocx(defaultTemplate(type)!.content, await sampleView(type));
      expect(missing).toEqual([]);
      const zip = new PizZip(docx);
      const xml = zip.file('word/document.xml')!.asText();
      expect(xmlOk(xml)).toEqual([]);
      expect(xml).not.toMatch(/@@WJIMG/);
      expect(xml).not.toMatch(/\{[#/^%]?[a-zA-Z]+\}/); // no tag left unrendered
      // QR code + the party's and two inspectors' signatures
      expect((xml.match(/<w:drawing>/g) ?? []).length).toBe(4);
      const rels = zip.file('word/_rels/document.xml.rels')!.asText();
      for (const m of xml.matchAll(/r:embed="([^"]+)"/g)) {
        const target = new RegExp(`Id="${m[1]}"[^>]*Target="(media/[^"]+)"`).exec(rels)?.[1];
        expect(target, m[1]).toBeTruthy();
        expect(isPng(zip.file(`word/${target}`)!.asUint8Array())).toBe(true);
      }
      expect(zip.file('[Content_Types].xml')!.asText()).toMatch(/Extension="png"/);
      const text = docxText(docx);
      expect(text).toContain('澄江市卫生健康监督所');
      expect(text).toContain('8K3QZ-7M2XH');
      expect(text).toContain('澄江市临湖区春晖中医诊所');
    });
  }

  it('现场笔录 shows the refusal and blank lines for ink when there are no signature images', async () => {
    const view = { ...(await sampleView('onsite_record')), partySigned: false, partySignature: '', partyRefused: true, partyRefusalNote: '当事人拒绝签名，已由两名执法人员见证' };
    const text = docxText(renderDocx(defaultTemplate('onsite_record')!.content, view).docx);
    expect(text).toContain('拒绝签名（当事人拒绝签名，已由两名执法人员见证）');
    const unsigned = { ...view, partyRefused: false, inspectorSignatures: [] };
    const xml = new PizZip(renderDocx(defaultTemplate('onsite_record')!.content, unsigned).docx).file('word/document.xml')!.asText();
    expect((xml.match(/<w:drawing>/g) ?? []).length).toBe(1); // the QR code only
    expect(xml).toMatch(/<w:u w:val="single"\/>/);
  });

  it('lays out the 现场笔录 as A4 with a 16 pt body and the page numbers in the footer', () => {
    const model = readDocx(defaultTemplate('onsite_record')!.content);
    const s = model.sections[0];
    expect(Math.round(s.pageWidth / 72 * 25.4)).toBe(210);
    expect(Math.round(s.pageHeight / 72 * 25.4)).toBe(297);
    const body = s.blocks.find((b) => b.kind === 'p' && b.items.some((i) => i.kind === 'text' && i.text.includes('被检查人：')));
    expect(body?.kind === 'p' && body.items.find((i) => i.kind === 'text')).toMatchObject({ style: { size: 16, font: '仿宋' } });
    const fields = s.footer.flatMap((b) => (b.kind === 'p' ? b.items.filter((i) => i.kind === 'field').map((i) => (i.kind === 'field' ? i.field : '')) : []));
    expect(fields).toEqual(['PAGE', 'NUMPAGES']);
  });
});

describe('placeImages', () => {
  const png = samplePng(60, 30);
  it('splits the text around the marker inside the same run and keeps the text', () => {
    const zip = new PizZip();
    zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>');
    zip.file('word/document.xml', `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">签名：${imageMarker(0)}（已签）${imageMarker(1)}</w:t></w:r></w:p></w:body></w:document>`);
    expect(placeImages(zip, [fitImage(png, 30, 10), fitImage(png, 30, 10)])).toBe(2);
    const xml = zip.file('word/document.xml')!.asText();
    expect(xmlOk(xml)).toEqual([]);
    expect(xml).toContain('<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">签名：</w:t><w:drawing>');
    expect(xml).toContain('</w:drawing><w:t xml:space="preserve">（已签）</w:t><w:drawing>');
    expect(xml).toMatch(/xmlns:wp="http:\/\/schemas.openxmlformats.org\/drawingml\/2006\/wordprocessingDrawing"/);
    expect(xml).toMatch(/<wp:extent cx="720000" cy="360000"\/>/); // 60×30 px fitted into 30×10 mm: 20×10 mm (36,000 EMU per mm)
    expect(zip.file('word/_rels/document.xml.rels')!.asText()).toContain('Target="media/wj-image-1.png"');
    expect(zip.file('[Content_Types].xml')!.asText()).toContain('Extension="png"');
  });

  it('reads PNG sizes and refuses other bytes', () => {
    expect(pngSize(png)).toEqual({ width: 60, height: 30 });
    expect(isPng(Buffer.from('GIF89a........................'))).toBe(false);
    expect(fitImage(png, 30, 10)).toMatchObject({ widthMm: 20, heightMm: 10 });
  });
});

describe('template problems are explained in Chinese', () => {
  const tpl = () => defaultTemplate('onsite_record')!.content;
  it('an unclosed tag', () => {
    const bad = edited(tpl(), (x) => x.replace('{partyName}', '{partyName'));
    expect(() => templateTags(bad)).toThrow(TemplateProblem);
    try { templateTags(bad); } catch (e) { expect((e as Error).message).toMatch(/未闭合的标签|重复的“\{”/); }
  });
  it('an unclosed loop', () => {
    const bad = edited(tpl(), (x) => x.replace('{/findings}', ''));
    expect(() => renderDocx(bad, {})).toThrow(/未结束的循环|循环/);
  });
  it('a file that is not a .docx', () => {
    expect(() => templateTags(Buffer.from('not a zip'))).toThrow('文件不是有效的 Word 文档（.docx）');
  });
  it('lists the tags a template uses', () => {
    const tags = templateTags(tpl());
    for (const t of ['agencyName', 'numberLine', 'verifyCode', '%qr', 'findings', 'no', 'text', '%partySignature', 'inspectorSignatures', '%image']) expect(tags).toContain(t);
  });
});
