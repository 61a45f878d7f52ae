import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../i18n/locale';

const bytesOf = (dataUrl: string) =>
  Uint8Array.from(atob(dataUrl.slice(dataUrl.indexOf(',') + 1)), (char) => char.charCodeAt(0));

/**
 * A PDF's first page, drawn by PDF.js (loaded with this component only), as
 * an image whose description is the page's text.
 */
export function PdfFirstPage({ pdf, label, width }: { pdf: string; label: string; width: number }) {
  const t = useT();
  const canvas = useRef<HTMLCanvasElement>(null);
  const textId = useId();
  const [text, setText] = useState('');
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let current = true;
    void import('./pdf-page-drawing')
      .then(({ drawFirstPage }) => drawFirstPage(canvas.current!, bytesOf(pdf), width))
      .then((drawn) => {
        if (!current) return;
        setText(drawn);
        setFailed(false);
      })
      .catch(() => current && setFailed(true));
    return () => {
      current = false;
    };
  }, [pdf, width]);

  return (
    <>
      <canvas
        ref={canvas}
        role="img"
        aria-label={label}
        aria-describedby={text ? textId : undefined}
        className="pdf-page"
      />
      <p id={textId} className="visually-hidden">
        {text}
      </p>
      {failed && <p className="field-error">{t('branding.pdfNotDrawn')}</p>}
    </>
  );
}
