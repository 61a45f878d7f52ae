import type { TenantScope } from '@portico/auth';
import { badInput } from '@portico/errors';
import { RecentReads } from '@portico/read-sharing';
import { normalizeEmail, optionalText, requireText } from '@portico/validation';
import type { Model } from 'mongoose';
import { defaultBranding, type BrandingRecord } from './model/branding';
import type { Locale as ApiLocale } from './generated/resolver-types';
import { isLocale, type Locale } from './rendering/locale';

export interface BrandingInput {
  name?: string | null;
  locale?: string | null;
  colour?: string | null;
  logo?: string | null;
  replyTo?: string | null;
  footer?: string | null;
}

const COLOUR = /^#[0-9a-fA-F]{6}$/;
// Inline images only: rendered pages reach no network. No SVG: it can carry markup.
const LOGO = /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+={0,2}$/;
const MAX_LOGO_CHARS = 200_000;
// Every email and PDF reads its tenant's branding: kept this long, so a change made through
// another replica shows in emails within seconds, one made through this process at once.
const BRANDING_KEPT_MS = 5_000;
const BRANDINGS_KEPT = 1_000;

/** Who an email is from, as the recipient sees it, and where replies go. */
export const senderOf = (branding: BrandingRecord) => ({
  senderName: branding.name,
  replyTo: branding.replyTo,
});

/** GraphQL's EN/DE and the stored en/de. */
export const localeFromApi = (value: string): string => value.toLowerCase();
const API_LOCALES: Record<Locale, ApiLocale> = { en: 'EN', de: 'DE' };
export const localeToApi = (locale: Locale): ApiLocale => API_LOCALES[locale];

/** A tenant's branding: what it set, else what it was registered as. */
export class Brandings {
  private readonly recent;

  constructor(
    private readonly model: Model<BrandingRecord>,
    keepMs = BRANDING_KEPT_MS,
  ) {
    this.recent = new RecentReads<string, BrandingRecord>({ keepMs, capacity: BRANDINGS_KEPT });
  }

  of({ tenantId }: TenantScope): Promise<BrandingRecord> {
    return this.recent.get(tenantId, (id) => this.byOrganization(id));
  }

  /** What anyone may see of an organization's brand (its emails show it): by id, unscoped. */
  publicOf(organizationId: string): Promise<BrandingRecord> {
    return this.byOrganization(organizationId);
  }

  private async byOrganization(id: string): Promise<BrandingRecord> {
    return (await this.model.findOne({ _id: id }).lean().exec()) ?? defaultBranding(id);
  }

  /** The organization's name as registered; never overrides a name an admin set. */
  async registered({ tenantId }: TenantScope, name: string): Promise<void> {
    await this.model.updateOne({ _id: tenantId }, { $setOnInsert: { name } }, { upsert: true });
    this.recent.forget(tenantId);
  }

  /** Applies the fields given (null clears an optional one); BAD_USER_INPUT names the field. */
  async update({ tenantId }: TenantScope, input: BrandingInput): Promise<BrandingRecord> {
    const set = changesOf(input);
    // Read afresh, not from memory: what is written back must not undo another replica's change.
    const current = await this.byOrganization(tenantId);
    const { _id, ...defaults } = current;
    await this.model.updateOne(
      { _id: tenantId },
      { $set: { ...defaults, ...set } },
      { upsert: true },
    );
    const updated = { ...current, ...set };
    this.recent.set(tenantId, updated);
    return updated;
  }

  /** The branding as `update` would leave it, not saved (a preview). */
  async withChanges(tenant: TenantScope, input: BrandingInput): Promise<BrandingRecord> {
    return { ...(await this.of(tenant)), ...changesOf(input) };
  }
}

/** The fields an input changes, checked; BAD_USER_INPUT names the field. */
function changesOf(input: BrandingInput): Partial<BrandingRecord> {
  const set: Partial<BrandingRecord> = {};
  if (input.name != null) set.name = requireText('input.name', input.name, 120);
  if (input.locale != null) {
    const locale = localeFromApi(input.locale);
    if (!isLocale(locale)) throw badInput('input.locale', 'Unsupported locale');
    set.locale = locale;
  }
  if (input.colour != null) {
    if (!COLOUR.test(input.colour)) throw badInput('input.colour', 'Use a colour like #1f4e79');
    set.colour = input.colour.toLowerCase();
  }
  if (input.logo !== undefined) {
    if (input.logo !== null && (input.logo.length > MAX_LOGO_CHARS || !LOGO.test(input.logo)))
      throw badInput('input.logo', 'Use a PNG or JPEG data: URL of at most 150 kB');
    set.logo = input.logo;
  }
  if (input.replyTo !== undefined)
    set.replyTo = input.replyTo === null ? null : normalizeEmail('input.replyTo', input.replyTo);
  if (input.footer !== undefined) set.footer = optionalText('input.footer', input.footer, 300);
  return set;
}
