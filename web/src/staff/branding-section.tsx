import { useMutation } from '@apollo/client/react';
import { useId, useMemo, useState, type ChangeEvent, type FormEvent } from 'react';
import { Form, Label, TextArea, TextField } from 'react-aria-components';
import { Button, Field, FormProblem } from '../forms/fields';
import { SelectField } from '../forms/select-field';
import { useSubmission } from '../forms/use-submission';
import { graphql } from '../gql';
import type { BrandingFieldsFragment, Locale } from '../gql/graphql';
import { useT } from '../i18n/locale';
import { BrandingPreview } from './branding-preview';

graphql(`
  fragment BrandingFields on Branding {
    name
    locale
    colour
    logo
    replyTo
    footer
  }
`);

const UpdateBranding = graphql(`
  mutation UpdateBranding($input: BrandingInput!) {
    updateBranding(input: $input) {
      ...BrandingFields
    }
  }
`);

// The server's limit: a data: URL of at most 200,000 characters (about 150 kB of image).
const MAX_LOGO_CHARS = 200_000;
const LOGO_TYPES = ['image/png', 'image/jpeg'];

const readAsDataUrl = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable file'));
    reader.readAsDataURL(file);
  });

/** How the organization's emails and PDFs look, with a live preview of both (see BrandingPreview). */
export function BrandingSection({ branding }: { branding: BrandingFieldsFragment }) {
  const t = useT();
  const logoInput = useId();
  const [draft, setDraft] = useState({
    name: branding.name,
    locale: branding.locale,
    colour: branding.colour,
    logo: branding.logo ?? null,
    replyTo: branding.replyTo ?? '',
    footer: branding.footer ?? '',
  });
  const [logoError, setLogoError] = useState<string | null>(null);
  const [update, { loading }] = useMutation(UpdateBranding);
  const { report, saved, run } = useSubmission();
  const set = <K extends keyof typeof draft>(field: K, value: (typeof draft)[K]) =>
    setDraft((current) => ({ ...current, [field]: value }));

  const chooseLogo = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    if (!LOGO_TYPES.includes(file.type)) return setLogoError(t('branding.logoType'));
    const dataUrl = await readAsDataUrl(file);
    if (dataUrl.length > MAX_LOGO_CHARS) return setLogoError(t('branding.logoSize'));
    setLogoError(null);
    set('logo', dataUrl);
  };
  const input = useMemo(
    () => ({
      name: draft.name,
      locale: draft.locale,
      colour: draft.colour,
      logo: draft.logo,
      replyTo: draft.replyTo.trim() || null,
      footer: draft.footer.trim() || null,
    }),
    [draft],
  );
  const save = async (event: FormEvent) => {
    event.preventDefault();
    await run(() => update({ variables: { input } }));
  };
  const error = (field: string) => report?.fields[`input.${field}`];

  return (
    <section aria-labelledby="branding-heading" className="card-section">
      <h2 id="branding-heading">{t('branding.title')}</h2>
      <div className="branding">
        <Form onSubmit={save} className="stack" validationBehavior="aria">
          <Field
            label={t('branding.name')}
            isRequired
            value={draft.name}
            onChange={(value) => set('name', value)}
            description={t('branding.nameHint')}
            error={error('name')}
          />
          <SelectField<Locale>
            label={t('field.language')}
            value={draft.locale}
            onChange={(value) => set('locale', value)}
            options={[
              { value: 'EN', label: 'English' },
              { value: 'DE', label: 'Deutsch' },
            ]}
            error={error('locale')}
          />
          <div className="colour-field">
            <Field
              label={t('branding.colour')}
              value={draft.colour}
              onChange={(value) => set('colour', value)}
              description={t('branding.colourHint')}
              error={error('colour')}
            />
            <input
              type="color"
              aria-label={t('branding.colourPicker')}
              value={/^#[0-9a-f]{6}$/i.test(draft.colour) ? draft.colour : '#000000'}
              onChange={(event) => set('colour', event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={logoInput}>{t('branding.logo')}</label>
            <input
              id={logoInput}
              type="file"
              accept="image/png,image/jpeg"
              aria-describedby={`${logoInput}-hint`}
              aria-invalid={logoError || error('logo') ? true : undefined}
              onChange={(event) => void chooseLogo(event)}
            />
            <p id={`${logoInput}-hint`} className="field-hint">
              {logoError ?? error('logo') ?? t('branding.logoHint')}
            </p>
            {draft.logo && (
              <Button variant="secondary" onPress={() => set('logo', null)}>
                {t('branding.removeLogo')}
              </Button>
            )}
          </div>
          <Field
            label={t('branding.replyTo')}
            type="email"
            value={draft.replyTo}
            onChange={(value) => set('replyTo', value)}
            description={t('branding.replyToHint')}
            error={error('replyTo')}
          />
          <TextField
            className="field"
            value={draft.footer}
            onChange={(value) => set('footer', value)}
            isInvalid={Boolean(error('footer'))}
          >
            <Label>{t('branding.footer')}</Label>
            <TextArea rows={3} />
          </TextField>
          {error('footer') && <p className="field-error">{error('footer')}</p>}
          <FormProblem report={report} />
          {saved && <p role="status">{t('state.saved')}</p>}
          <Button type="submit" isDisabled={loading}>
            {t('branding.save')}
          </Button>
        </Form>
        <BrandingPreview input={input} />
      </div>
    </section>
  );
}
