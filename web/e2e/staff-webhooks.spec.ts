import { expect, expectAccessible, issueDocument, signIn, test } from './portal-world';

test.describe('the webhooks page', () => {
  test('registers an endpoint, shows its secret once, lists deliveries, rotates and removes', async ({
    page,
    context,
    world,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/sign-in');
    await signIn(page, world.ownerEmail);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Webhooks' })
      .click();
    await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible();

    await page.getByRole('button', { name: 'Register endpoint' }).click();
    const dialog = page.getByRole('dialog', { name: 'Register endpoint' });
    await dialog.getByRole('textbox', { name: 'URL' }).fill('ftp://erp.partner.example/hooks');
    await dialog.getByRole('button', { name: 'Register' }).click();
    await expect(dialog.getByRole('textbox', { name: 'URL' })).toHaveAccessibleDescription(
      /https:\/\//,
    );
    const url = `https://erp-${Date.now().toString(36)}.partner.example/hooks`;
    await dialog.getByRole('textbox', { name: 'URL' }).fill(url);
    await dialog.getByRole('textbox', { name: 'Description' }).fill('ERP');
    await dialog.getByText('Payment recorded', { exact: true }).click();
    await expect(dialog.getByRole('checkbox', { name: 'Payment recorded' })).toBeChecked();
    await dialog.getByRole('button', { name: 'Register' }).click();

    const card = page.getByRole('region', { name: url });
    const secretPanel = card.getByRole('region', { name: 'Signing secret' });
    const secret = (await secretPanel.locator('code').textContent())!;
    expect(secret).toMatch(/^whsec_/);
    await secretPanel.getByRole('button', { name: 'Copy secret' }).click();
    await expect(secretPanel.getByRole('status')).toHaveText('Copied.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await expectAccessible(page);
    await secretPanel.getByRole('button', { name: 'I have stored it' }).click();
    await expect(secretPanel).toBeHidden();
    await page.reload();
    await expect(card.locator('code')).toHaveCount(0); // never shown again

    // An issued document is delivered (the partner host does not exist: it fails and says why).
    await issueDocument(world);
    await page.reload();
    const deliveries = card.getByRole('table', { name: `Deliveries to ${url}` });
    await expect(deliveries.getByRole('row').nth(1)).toContainText('Document issued', {
      timeout: 20_000,
    });

    await card.getByRole('button', { name: 'Rotate secret' }).click();
    await page
      .getByRole('dialog', { name: 'Rotate the signing secret?' })
      .getByRole('button', { name: 'Rotate secret' })
      .click();
    const rotated = (await card
      .getByRole('region', { name: 'Signing secret' })
      .locator('code')
      .textContent())!;
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);

    await card.getByRole('button', { name: 'Pause' }).click();
    await expect(card).toContainText('Paused');
    await card.getByRole('button', { name: 'Remove' }).click();
    await page
      .getByRole('dialog', { name: `Remove ${url}?` })
      .getByRole('button', { name: 'Remove' })
      .click();
    await expect(page.getByRole('region', { name: url })).toHaveCount(0);
    await expectAccessible(page);
  });
});
