/** The committed default templates are what scripts/document-templates.ts builds (run it after changing a layout). */
import { describe, expect, it } from 'vitest';
import PizZip from 'pizzip';
import { buildTemplate, DEFAULT_TEMPLATE_BUILDERS } from '../scripts/document-templates';
import { MAPPINGS } from '../server/platform/documents/catalogue';
import { defaultTemplate } from '../server/platform/documents/templates';

describe('default templates', () => {
  it('exist for every issuable type', () => {
    expect(Object.keys(DEFAULT_TEMPLATE_BUILDERS).sort()).toEqual(Object.keys(MAPPINGS).sort());
  });

  for (const code of Object.keys(DEFAULT_TEMPLATE_BUILDERS)) {
    it(`${code}.docx is up to date with its generator`, async () => {
      const built = new PizZip(await buildTemplate(code));
      const committed = new PizZip(defaultTemplate(code)!.content);
      for (const part of ['word/document.xml', 'word/styles.xml', 'word/footer1.xml', 'word/_rels/document.xml.rels']) {
        expect(committed.file(part)?.asText(), part).toBe(built.file(part)?.asText());
      }
    });
  }
});
