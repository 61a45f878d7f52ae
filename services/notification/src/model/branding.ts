import { Schema, type Connection } from 'mongoose';
import type { Locale } from '../rendering/locale';

/** How a tenant's emails and PDFs look and read; one per tenant, edited by its admins. */
export interface BrandingRecord {
  _id: string; // tenant id
  /** Shown as the sender's name and on every PDF; from the organization until changed. */
  name: string;
  locale: Locale;
  /** Accent colour, `#rrggbb`. */
  colour: string;
  /** A PNG or JPEG as a `data:` URL (rendered pages reach no network). */
  logo: string | null;
  /** Replies go here; mail is sent from the platform's own address. */
  replyTo: string | null;
  /** Printed at the foot of every PDF page: bank details, tax ids, address. */
  footer: string | null;
}

const brandingSchema = new Schema<BrandingRecord>(
  {
    _id: String,
    name: { type: String, required: true },
    locale: { type: String, default: 'en' },
    colour: { type: String, default: '#1f4e79' },
    logo: { type: String, default: null },
    replyTo: { type: String, default: null },
    footer: { type: String, default: null },
  },
  { versionKey: false },
);

export const brandingModel = (connection: Connection) =>
  connection.model<BrandingRecord>('Branding', brandingSchema, 'brandings');

export const defaultBranding = (tenantId: string, name = 'Portico'): BrandingRecord => ({
  _id: tenantId,
  name,
  locale: 'en',
  colour: '#1f4e79',
  logo: null,
  replyTo: null,
  footer: null,
});
