import { useState } from 'react';
import { reportOf, type ProblemReport } from '../api/errors';
import { useT } from '../i18n/locale';
import { inViewersWords } from './server-words';

/**
 * One form's outcome: `run` clears the last one, performs the action and records that it went
 * through (`saved`) or what the server said against it (`report`, shown by the form; nothing
 * typed is touched). It resolves to that report, or null when the action succeeded.
 */
export function useSubmission() {
  const t = useT();
  const [report, setReport] = useState<ProblemReport | null>(null);
  const [saved, setSaved] = useState(false);
  const run = async (action: () => Promise<unknown>): Promise<ProblemReport | null> => {
    setReport(null);
    setSaved(false);
    try {
      await action();
      setSaved(true);
      return null;
    } catch (error) {
      const problem = reportOf(error);
      // The server's words for a field, in the viewer's language where the catalog has them.
      for (const [field, message] of Object.entries(problem.fields))
        problem.fields[field] = inViewersWords(message, t);
      setReport(problem);
      return problem;
    }
  };
  return { report, saved, run };
}
