import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCUMENT_TYPES, PERMISSIONS } from './vocabulary';

const schemaOf = (type: string) =>
  JSON.parse(readFileSync(join(__dirname, `../../../schemas/events/${type}.json`), 'utf8')) as {
    properties: Record<string, { enum?: string[]; items?: { enum: string[] } }>;
  };

describe('shared vocabulary', () => {
  it('matches the event schemas', () => {
    expect(schemaOf('portico.document.issued.v1').properties.type!.enum).toEqual([
      ...DOCUMENT_TYPES,
    ]);
    expect(
      schemaOf('portico.customer.portal-settings-changed.v1').properties.enabledDocumentTypes!
        .items!.enum,
    ).toEqual([...DOCUMENT_TYPES]);
    expect(schemaOf('portico.access.granted.v1').properties.permissions!.items!.enum).toEqual([
      ...PERMISSIONS,
    ]);
  });
});
