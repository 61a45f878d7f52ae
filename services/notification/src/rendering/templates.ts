import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { Locale } from './locale';
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

/** An email's two parts, from src/templates/<locale>/<name>.text.hbs and .html.hbs. */
export function renderEmail(locale: Locale, name: string, view: object) {
  return {
    text: renderTemplate(`${locale}/${name}.text`, view),
    html: renderTemplate(`${locale}/${name}.html`, view),
  };
}
