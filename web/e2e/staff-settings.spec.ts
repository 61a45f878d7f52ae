import { expect, expectAccessible, LOGO, signIn, test } from './portal-world';

const pngFile = (bytes: Buffer) => ({ name: 'logo.png', mimeType: 'image/png', buffer: bytes });

test.describe('the settings page', () => {
  test('changes portal settings, adds an access level and rebrands with a preview', async ({
    page,
    world,
  }) => {
    await page.goto('/sign-in');
    await signIn(page, world.ownerEmail);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Settings' })
      .click();
    await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
    await expectAccessible(page);

    const before = await world.staff<{ portalSettings: { enabledDocumentTypes: string[] } }>(
      '{ portalSettings { enabledDocumentTypes } }',
    );
    // Portal: delivery notes no longer shown.
    const portal = page.getByRole('region', { name: 'Portal' });
    await portal.getByText('Delivery note', { exact: true }).click();
    await portal.getByRole('button', { name: 'Save portal settings' }).click();
    await expect(portal.getByRole('status')).toHaveText('Saved.');
    const { portalSettings } = await world.staff<{
      portalSettings: { enabledDocumentTypes: string[] };
    }>('{ portalSettings { enabledDocumentTypes } }');
    expect(portalSettings.enabledDocumentTypes).not.toContain('DELIVERY_NOTE');

    // An access level needs a permission; then it is listed and offered for invitations.
    const levels = page.getByRole('region', { name: 'Access levels' });
    await levels.getByRole('button', { name: 'New access level' }).click();
    const dialog = page.getByRole('dialog', { name: 'New access level' });
    const levelName = `Read only ${Date.now().toString(36)}`;
    await dialog.getByRole('textbox', { name: 'Name' }).fill(levelName);
    await dialog.getByText('See documents', { exact: true }).click(); // unticks the default
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByText('Give at least one known permission')).toBeVisible();
    await dialog.getByText('See documents', { exact: true }).click();
    await dialog.getByText('Download PDFs', { exact: true }).click();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    await expect(levels.getByRole('row').filter({ hasText: levelName })).toContainText(
      'See documents, Download PDFs',
    );
    // Edited: the level gives payments too (its contacts get that on their next request).
    await levels
      .getByRole('row')
      .filter({ hasText: levelName })
      .getByRole('button', { name: 'Edit' })
      .click();
    const edit = page.getByRole('dialog', { name: `Edit the level ${levelName}` });
    await expect(edit.getByRole('checkbox', { name: 'Download PDFs' })).toBeChecked();
    await edit.getByText('See payments', { exact: true }).click();
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect(edit).toBeHidden();
    await expect(levels.getByRole('row').filter({ hasText: levelName })).toContainText(
      'See documents, Download PDFs, See payments',
    );

    // Branding: a wrong colour and a too large logo are refused at their fields.
    const branding = page.getByRole('region', { name: 'Branding' });
    await branding.getByRole('textbox', { name: 'Colour', exact: true }).fill('#12345');
    await branding.getByRole('button', { name: 'Save branding' }).click();
    await expect(
      branding.getByRole('textbox', { name: 'Colour', exact: true }),
    ).toHaveAccessibleDescription(/#1f4e79/);
    await branding.getByLabel('Logo').setInputFiles(pngFile(Buffer.alloc(160_000, 1)));
    await expect(branding.getByLabel('Logo')).toHaveAccessibleDescription(/larger than 150 kB/);
    await branding
      .getByLabel('Logo')
      .setInputFiles(pngFile(Buffer.from(LOGO.split(',')[1]!, 'base64')));
    await branding.getByRole('textbox', { name: 'Colour', exact: true }).fill('#7b2d26');
    await branding.getByRole('textbox', { name: 'Name shown to customers' }).fill('Weber & Söhne');
    const preview = page.getByRole('figure', { name: 'Preview: the top of an email' });
    await expect(preview.getByRole('img', { name: 'Weber & Söhne' })).toBeVisible();
    await expect(preview.locator('.email-preview-band')).toHaveCSS(
      'background-color',
      'rgb(123, 45, 38)',
    );
    await branding.getByRole('button', { name: 'Save branding' }).click();
    await expect(branding.getByRole('status')).toHaveText('Saved.');
    await expectAccessible(page);
    await page.screenshot({ path: '../docs/images/staff-settings.png', fullPage: true });

    const { portalBrand } = await world.staff<{ portalBrand: { name: string; colour: string } }>(
      'query($id: ID!) { portalBrand(organizationId: $id) { name colour } }',
      { id: world.organizationId },
    );
    expect(portalBrand).toEqual({ name: 'Weber & Söhne', colour: '#7b2d26' });
    // Put the world's settings and brand back for the tests after this one.
    await world.staff(
      'mutation($input: PortalSettingsInput!) { updatePortalSettings(input: $input) { shareNewDocuments } }',
      { input: { enabledDocumentTypes: before.portalSettings.enabledDocumentTypes } },
    );
    await world.staff(
      'mutation($input: BrandingInput!) { updateBranding(input: $input) { name } }',
      { input: { colour: '#0b6e4f', name: world.brandName } },
    );
  });
});
