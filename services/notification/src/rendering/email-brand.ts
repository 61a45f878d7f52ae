import type { BrandingRecord } from '../model/branding';
import { readableOn } from './readable-on';

/** An image carried inside the email and referenced as `cid:` from its HTML. */
export interface InlineImage {
  filename: string;
  content: Buffer;
  contentType: string;
  cid: string;
}

const LOGO_CID = 'logo@portico';
const DATA_URL = /^data:(image\/(?:png|jpeg));base64,(.+)$/;

/**
 * What every email shows of its sender: the logo, the name, the accent colour
 * with a text colour readable on it, and the footer (the sender's address and
 * bank details) line by line. The logo travels as an inline attachment: most
 * mail clients block `data:` images, and a remote one would track the reader.
 */
export function emailBrandOf(branding: BrandingRecord) {
  const logo = branding.logo ? DATA_URL.exec(branding.logo) : null;
  const inline: InlineImage[] = logo
    ? [
        {
          filename: logo[1] === 'image/png' ? 'logo.png' : 'logo.jpg',
          content: Buffer.from(logo[2]!, 'base64'),
          contentType: logo[1]!,
          cid: LOGO_CID,
        },
      ]
    : [];
  return {
    brand: {
      name: branding.name,
      colour: branding.colour,
      onColour: readableOn(branding.colour),
      logo: logo ? `cid:${LOGO_CID}` : null,
      footerLines: (branding.footer ?? '')
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    },
    inline,
  };
}
