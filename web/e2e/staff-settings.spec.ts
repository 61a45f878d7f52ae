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
    await branding
      .getByRole('textbox', { name: 'PDF footer' })
      .fill('IBAN DE02 1203 0000 0000 2020 51');
    // The preview: the server's own email and PDF with the unsaved branding.
    const preview = branding.getByRole('region', { name: 'Preview' });
    await expect(
      preview.getByText(/^Email from Weber & Söhne: Invoice INV-\d{4}-000123$/),
    ).toBeVisible();
    const email = preview.getByRole('img', { name: /^The email “Invoice INV-\d{4}-000123”/ });
    await expect
      .poll(() => email.evaluate((image: HTMLImageElement) => image.naturalWidth))
      .toBe(640);
    // The PDF's first page, drawn here by PDF.js, its text as the description: name and footer.
    const page1 = preview.getByRole('img', { name: 'First page of the sample invoice’s PDF' });
    await expect(page1).toHaveAccessibleDescription(/IBAN DE02 1203 0000 0000 2020 51/);
    await expect(page1).toHaveAccessibleDescription(/Weber & Söhne.*Invoice INV-\d{4}-000123/);
    const inked = await page1.evaluate((canvas: HTMLCanvasElement) => {
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let dark = 0;
      for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! < 128) dark++;
      return dark;
    });
    expect(inked).toBeGreaterThan(1_000); // drawn, not blank
    const download = page.waitForEvent('download');
    await preview.getByRole('link', { name: 'Download the sample PDF' }).click();
    const pdf = await (await download).createReadStream();
    const head = await new Promise<string>((resolve) =>
      pdf.once('data', (chunk: Buffer) => resolve(chunk.subarray(0, 5).toString())),
    );
    expect(head).toBe('%PDF-');
    // Nothing was saved by previewing.
    const unsaved = await world.staff<{ branding: { name: string } }>('{ branding { name } }');
    expect(unsaved.branding.name).toBe(world.brandName);
    await branding.getByRole('button', { name: 'Save branding' }).click();
    await expect(branding.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
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
      { input: { colour: '#0b6e4f', name: world.brandName, footer: null } },
    );
  });
});
