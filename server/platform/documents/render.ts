/**
 * Fill a .docx template with a view (docxtemplater + pizzip) and place its images. Also the checks an
 * uploaded template must pass. Pure (bytes in, bytes out).
 */
import PizZip from 'pizzip';
import Docxtemplater from 'docxtemplater';
import { imageMarker, isImageValue, placeImages } from './images';
import type { ImageValue } from './mapping';

export class TemplateProblem extends Error {
  constructor(message: string, public details: string[] = []) {
    super(message);
  }
}

/** docxtemplater's error ids, in Chinese for the administrator who uploaded the template. */
const ERROR_TEXT: Record<string, string> = {
  unopened_tag: '有未开始的标签（多余的“}”）',
  unclosed_tag: '有未闭合的标签（缺少“}”）',
  duplicate_open_tag: '标签中有重复的“{”',
  duplicate_close_tag: '标签中有重复的“}”',
  unclosed_loop: '有未结束的循环（缺少 {/…}）',
  unopened_loop: '有未开始的循环（多余的 {/…}）',
  closing_tag_does_not_match_opening_tag: '循环的结束标签与开始标签不一致',
  unbalanced_loop_tags: '循环标签不成对',
  raw_xml_tag_should_be_only_text_in_paragraph: '{@…} 标签必须独占一个段落',
  malformed_xml: '文件中的 XML 结构有误',
};

interface DxtError {
  message?: string;
  properties?: { id?: string; xtag?: string; explanation?: string; errors?: DxtError[]; file?: string };
}

function describe(e: DxtError): string {
  const id = e.properties?.id ?? '';
  const where = e.properties?.xtag ? `：{${e.properties.xtag}}` : '';
  return `${ERROR_TEXT[id] ?? e.properties?.explanation ?? e.message ?? '模板有误'}${where}`;
}

function openZip(template: Uint8Array): PizZip {
  try {
    const zip = new PizZip(template);
    if (!zip.file('word/document.xml')) throw new Error('no document.xml');
    return zip;
  } catch {
    throw new TemplateProblem('文件不是有效的 Word 文档（.docx）');
  }
}

type TagParser = (tag: string) => Docxtemplater.DXT.Parser;

function compile(zip: PizZip, parser: TagParser, nullGetter: () => string) {
  try {
    return new Docxtemplater(zip, { paragraphLoop: true, linebreaks: true, parser, nullGetter, errorLogging: false });
  } catch (err) {
    const e = err as DxtError;
    const list = e.properties?.errors?.map(describe) ?? [describe(e)];
    throw new TemplateProblem(`模板无法解析：${list.join('；')}`, list);
  }
}

export interface RenderResult {
  docx: Buffer;
  /** Tags the view had no value for (empty in the output). */
  missing: string[];
}

/**
 * Render a template with a view. `{%name}` tags take ImageValues (anything else renders nothing); other tags
 * are looked up in the current loop item, then outwards (docxtemplater's scope chain).
 */
export function renderDocx(template: Uint8Array, view: Record<string, unknown>): RenderResult {
  const zip = openZip(template);
  const images: ImageValue[] = [];
  const missing = new Set<string>();
  const parser: TagParser = (tag: string) => {
    const isImage = tag.startsWith('%');
    const key = isImage ? tag.slice(1).trim() : tag.trim();
    return {
      get(scope: unknown) {
        if (key === '.') return scope;
        if (!scope || typeof scope !== 'object' || !Object.prototype.hasOwnProperty.call(scope, key)) return undefined;
        const v = (scope as Record<string, unknown>)[key];
        if (!isImage) return v;
        if (!isImageValue(v)) return '';
        images.push(v);
        return imageMarker(images.length - 1);
      },
    };
  };
  const nullGetter = ((part: { value?: string; module?: string }) => {
    if (!part.module && part.value) missing.add(part.value);
    return '';
  }) as unknown as () => string;
  const doc = compile(zip, parser, nullGetter);
  try {
    doc.render(view);
  } catch (err) {
    const e = err as DxtError;
    const list = e.properties?.errors?.map(describe) ?? [describe(e)];
    throw new TemplateProblem(`模板无法填充：${list.join('；')}`, list);
  }
  const out = doc.getZip() as PizZip;
  placeImages(out, images);
  return { docx: out.generate({ type: 'nodebuffer', compression: 'DEFLATE' }), missing: [...missing] };
}

/**
 * Every tag a template uses (loop names and their inner tags included), e.g. ['agencyName', 'findings', 'no', '%qr'].
 * docxtemplater calls the parser once per tag when it compiles the template.
 */
export function templateTags(template: Uint8Array): string[] {
  const tags = new Set<string>();
  compile(openZip(template), (tag: string) => {
    tags.add(tag.trim());
    return { get: () => undefined };
  }, () => '');
  return [...tags];
}
