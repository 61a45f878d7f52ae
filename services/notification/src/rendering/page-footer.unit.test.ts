import { cssString, pageFooterCss } from './page-footer';

describe('cssString', () => {
  it('keeps letters, digits and spaces, and escapes everything else', () => {
    expect(cssString('IBAN DE02 1203')).toBe('"IBAN DE02 1203"');
    expect(cssString('a"b')).toBe('"a\\22 b"');
    expect(cssString('a\\b')).toBe('"a\\5c b"');
    expect(cssString('</style>')).toBe('"\\3c \\2f style\\3e "');
    expect(cssString('ü€\n')).toBe('"\\fc \\20ac \\a "');
    expect(cssString('😀')).toBe('"\\1f600 "');
  });

  it('leaves nothing that could end the string or the style element', () => {
    const hostile = `"; } body { display: none } </style><script>x</script>'\\`;
    expect(cssString(hostile).slice(1, -1)).not.toMatch(/["'<>;{}]/);
  });
});

describe('pageFooterCss', () => {
  it('puts the footer left and the page numbers right in the bottom margin', () => {
    const css = pageFooterCss('Nordwind');
    expect(css).toMatch(/^@page \{ @bottom-left \{ content: "Nordwind";/);
    expect(css).toContain("@bottom-right { content: counter(page) ' / ' counter(pages);");
  });
});
