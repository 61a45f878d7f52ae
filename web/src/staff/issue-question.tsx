import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';
import type { DocumentType } from '../gql/graphql';
import { useT } from '../i18n/locale';
import { managesOrganization, useUser } from '../session/use-session';

const NumberPatterns = graphql(`
  query DocumentNumberPatterns {
    documentNumberPatterns {
      type
      pattern
      example
    }
  }
`);

/**
 * What issuing does, said before it is done: the number is given now (gap-free, so it cannot
 * be taken back), the contacts are told, and the document can no longer be edited. Owners and
 * admins also see the number's pattern (the API shows patterns to them only).
 */
export function IssueQuestion({ type, gross }: { type: DocumentType; gross: string }) {
  const t = useT();
  const user = useUser();
  const mayReadPatterns = managesOrganization(user);
  const { data } = useQuery(NumberPatterns, { skip: !mayReadPatterns });
  const pattern = data?.documentNumberPatterns.find((p) => p.type === type);
  return (
    <>
      <p>{t('editor.issueNumber')}</p>
      {pattern && (
        <p>{t('editor.issuePattern', { pattern: pattern.pattern, example: pattern.example })}</p>
      )}
      <p>{t('editor.issueTotal', { gross })}</p>
      <p>{t('editor.issueFinal')}</p>
    </>
  );
}
