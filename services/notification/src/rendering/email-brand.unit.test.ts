import { defaultBranding } from '../model/branding';
import { emailBrandOf } from './email-brand';
import { readableOn } from './readable-on';

describe('email branding', () => {
  it('puts white on dark colours and ink on light ones', () => {
    expect(readableOn('#1f4e79')).toBe('#ffffff');
    expect(readableOn('#000000')).toBe('#ffffff');
    expect(readableOn('#ffd400')).toBe('#111111');
    expect(readableOn('#f5f5f5')).toBe('#111111');
  });

  it('carries the logo inline and points the HTML at it by Content-ID', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    const { brand, inline } = emailBrandOf({
      ...defaultBranding('t1', 'Nordwind'),
      logo: `data:image/png;base64,${png.toString('base64')}`,
    });
    expect(brand.logo).toBe('cid:logo@portico');
    expect(inline).toEqual([
      { filename: 'logo.png', content: png, contentType: 'image/png', cid: 'logo@portico' },
    ]);
  });

  it('has no image without a logo, and the footer line by line', () => {
    const { brand, inline } = emailBrandOf({
      ...defaultBranding('t1', 'Nordwind'),
      footer: 'Nordwind GmbH · Hafenstraße 1\n\n  20457 Hamburg  ',
    });
    expect(brand.logo).toBeNull();
    expect(inline).toEqual([]);
    expect(brand.footerLines).toEqual(['Nordwind GmbH · Hafenstraße 1', '20457 Hamburg']);
  });
});
