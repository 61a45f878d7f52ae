import { useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { graphql } from '../gql';
import type { BrandingInput } from '../gql/graphql';
import { useT } from '../i18n/locale';
import { PdfFirstPage } from './pdf-first-page';

const BrandingPreviewQuery = graphql(`
  query BrandingPreview($input: BrandingInput!) {
    brandingPreview(input: $input) {
      emailSubject
      emailFrom
      email
      samplePdf
    }
  }
`);

// Typing pauses this long before the preview is rendered again (on the server, by Chromium).
const SETTLE_MS = 400;
// The PDF page's width on screen; the email's picture is 640 px, shown at most this wide too.
const PAGE_WIDTH = 320;

/** `value` once it has stopped changing for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * The branding being edited, unsaved, on the email a contact gets for a new
 * invoice and on the first page of that invoice's PDF: both rendered by the
 * server exactly as it sends them.
 */
export function BrandingPreview({ input }: { input: BrandingInput }) {
  const t = useT();
  const settled = useSettled(input, SETTLE_MS);
  const { data, previousData, loading, error } = useQuery(BrandingPreviewQuery, {
    variables: { input: settled },
  });
  const preview = (data ?? previousData)?.brandingPreview;

  return (
    <section aria-labelledby="branding-preview-heading" className="branding-preview">
      <h3 id="branding-preview-heading">{t('branding.preview')}</h3>
      <p role="status" className="field-hint">
        {loading ? t('branding.previewUpdating') : error ? t('branding.previewFailed') : ''}
      </p>
      {preview && (
        <>
          <figure>
            <figcaption>
              {t('branding.emailPreview', {
                from: preview.emailFrom,
                subject: preview.emailSubject,
              })}
            </figcaption>
            <img
              src={preview.email}
              alt={t('branding.emailPreviewAlt', { subject: preview.emailSubject })}
              className="email-picture"
            />
          </figure>
          <figure>
            <figcaption>{t('branding.pdfPreview')}</figcaption>
            <PdfFirstPage
              pdf={preview.samplePdf}
              label={t('branding.pdfPreviewAlt')}
              width={PAGE_WIDTH}
            />
            <a href={preview.samplePdf} download="sample-invoice.pdf">
              {t('branding.downloadSample')}
            </a>
          </figure>
        </>
      )}
    </section>
  );
}
