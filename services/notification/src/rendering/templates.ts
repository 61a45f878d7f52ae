import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { BrandingRecord } from '../model/branding';
import { emailBrandOf } from './email-brand';
import { wordingOf, type Locale } from './locale';
import { pageFooterCss } from './page-footer';

const templatesDir = join(__dirname, '../templates');
// An isolated instance: no helpers or partials registered by anyone else.
const handlebars = Handlebars.create();
const compiled = new Map<string, Handlebars.TemplateDelegate>();

// {{pageFooter text}} in a PDF template's stylesheet: see page-footer.ts.
handlebars.registerHelper(
  'pageFooter',
  (footer: unknown) => new handlebars.SafeString(pageFooterCss(String(footer))),
);

// The parts every email shares: its frame, its button, a fact row, the plain-text signature.
for (const partial of ['email-layout', 'email-button', 'email-fact', 'email-text-footer'])
  handlebars.registerPartial(partial, readFileSync(join(templatesDir, `${partial}.hbs`), 'utf8'));

/**
 * Renders src/templates/<name>.hbs. Values are HTML-escaped, except in
 * plain-text parts (`*.text`), where escaping would corrupt them; `strict`
 * turns a missing value into an error rather than a silently empty field.
 */
export function renderTemplate(name: string, data: object): string {
  let template = compiled.get(name);
  if (!template) {
    template = handlebars.compile(readFileSync(join(templatesDir, `${name}.hbs`), 'utf8'), {
      strict: true,
      noEscape: name.endsWith('.text'),
    });
    compiled.set(name, template);
  }
  return template(data);
}

/**
 * An email's two parts, from src/templates/<locale>/<name>.text.hbs and
 * .html.hbs, in the tenant's colours, and the images the HTML part shows.
 */
export function renderEmail(locale: Locale, name: string, view: object, branding: BrandingRecord) {
  const { brand, inline } = emailBrandOf(branding);
  const data = { ...view, lang: locale, brand, words: wordingOf(locale).email };
  return {
    text: renderTemplate(`${locale}/${name}.text`, data),
    html: renderTemplate(`${locale}/${name}.html`, data),
    attachments: inline,
  };
}
