import {
  AUTH_FIELDS,
  errorCode,
  errorField,
  graphqlData,
  graphqlRequest,
  issueInvoice,
  linkToken,
  emailTo,
  login as signIn,
  registerOrganization,
  renderedPdf,
  startTestPlatform,
  TEST_PASSWORD,
  type Auth,
  type Platform,
  type TestMailbox,
  type TestPlatform,
} from '@portico/local-infra';

/** Sessions through the gateway: refresh rotation, reuse detection, sign-out, password and profile changes. */
let running: TestPlatform;
let platform: Platform;
let gateway: string;
let mailbox: TestMailbox;

beforeAll(async () => {
  // The one platform where new organizations wait for their owner's confirmed address.
  running = await startTestPlatform('identity-sessions', 4200, {
    providerEnv: { OWNER_VERIFICATION: 'required' },
  });
  ({ platform, mailbox } = running);
  gateway = platform.gatewayUrl;
}, 120_000);
afterAll(() => running?.stop());

const PASSWORD = TEST_PASSWORD;
const register = (slug: string) => registerOrganization(gateway, slug);
const login = (email: string, password: string) => signIn(gateway, email, password);
const refresh = (refreshToken: string) =>
  graphqlRequest<{ refreshSession: Auth }>(
    gateway,
    `mutation($t: String!) { refreshSession(refreshToken: $t) { ${AUTH_FIELDS} } }`,
    { t: refreshToken },
  );
const me = (token: string) =>
  graphqlRequest<{ me: { id: string; firstName: string | null } | null }>(
    gateway,
    '{ me { id firstName } }',
    {},
    { token },
  );
const codeOf = errorCode;
const fieldOf = errorField;

async function auditActions(token: string): Promise<string[]> {
  const { auditLog } = await graphqlData<{ auditLog: { edges: { node: { action: string } }[] } }>(
    gateway,
    '{ auditLog(first: 100) { edges { node { action } } } }',
    {},
    { token },
  );
  return auditLog.edges.map((edge) => edge.node.action);
}

describe('sessions', () => {
  it('rotates the refresh token on every use', async () => {
    const owner = await register('rotate');
    const first = await refresh(owner.refreshToken);
    expect(first.errors).toBeUndefined();
    expect(first.data!.refreshSession.refreshToken).not.toBe(owner.refreshToken);
    expect((await me(first.data!.refreshSession.accessToken)).data?.me?.id).toBe(owner.user.id);
    const second = await refresh(first.data!.refreshSession.refreshToken);
    expect(second.errors).toBeUndefined();
  });

  it('ends the whole session when a used refresh token comes back', async () => {
    const owner = await register('reuse');
    const rotated = (await refresh(owner.refreshToken)).data!.refreshSession;
    const replay = await refresh(owner.refreshToken); // the stolen copy
    expect(codeOf(replay)).toBe('UNAUTHENTICATED');
    // The legitimate holder's newer tokens are dead too: the thief cannot keep going either.
    expect(codeOf(await refresh(rotated.refreshToken))).toBe('UNAUTHENTICATED');
    expect(codeOf(await me(rotated.accessToken))).toBe('UNAUTHENTICATED');
    const fresh = (await login('owner@reuse.example', PASSWORD)).data!.login;
    expect(await auditActions(fresh.accessToken)).toContain('session.refresh-token-reused');
  });

  it('lets exactly one of two concurrent refreshes with the same token win', async () => {
    const owner = await register('race');
    const results = await Promise.all([refresh(owner.refreshToken), refresh(owner.refreshToken)]);
    expect(results.filter((result) => result.data?.refreshSession).length).toBe(1);
  });

  it('makes every service refuse the unexpired access token of a signed-out session', async () => {
    const owner = await register('everywhere');
    const customers = '{ customers { totalCount } }';
    expect(
      (await graphqlRequest(gateway, customers, {}, { token: owner.accessToken })).errors,
    ).toBeUndefined();
    const customerSubgraph = `http://127.0.0.1:${platform.processes.find((p) => p.name === 'customer')!.port}/graphql`;
    const direct = () =>
      graphqlRequest(
        customerSubgraph,
        customers,
        {},
        { token: owner.accessToken, headers: { 'x-gateway-secret': platform.gatewaySecret } },
      );
    expect((await direct()).errors).toBeUndefined();

    const signedOutAt = Date.now();
    await graphqlData(gateway, 'mutation { logout }', {}, { token: owner.accessToken });
    const answeredAt = Date.now();
    // Through the gateway, and at the subgraph itself (its own check, not the gateway's).
    const viaGateway = await graphqlRequest(gateway, customers, {}, { token: owner.accessToken });
    const atSubgraph = await direct();
    process.stdout.write(
      `\nlogout answered in ${answeredAt - signedOutAt} ms (once every process had applied the revocation)\n`,
    );
    expect(codeOf(viaGateway)).toBe('UNAUTHENTICATED');
    expect(viaGateway.errors?.[0]?.message).toBe('Your session has ended; sign in again');
    expect(codeOf(atSubgraph)).toBe('UNAUTHENTICATED');
  });

  it('rejects an unknown refresh token', async () => {
    expect(codeOf(await refresh('not-a-token'))).toBe('UNAUTHENTICATED');
  });

  it('signs out: the unexpired access token and the refresh token stop working at once', async () => {
    const owner = await register('logout');
    const result = await graphqlRequest<{ logout: boolean }>(
      gateway,
      'mutation { logout }',
      {},
      { token: owner.accessToken },
    );
    expect(result.data?.logout).toBe(true);
    expect(codeOf(await me(owner.accessToken))).toBe('UNAUTHENTICATED');
    expect(codeOf(await refresh(owner.refreshToken))).toBe('UNAUTHENTICATED');
  });
});

describe('sign-in', () => {
  it('gives the same answer for a wrong password and an unknown email, and audits the failure', async () => {
    const owner = await register('signin');
    const wrong = await login('owner@signin.example', 'wrong password!!');
    const unknown = await login('nobody@signin.example', 'wrong password!!');
    expect(wrong.errors?.[0]).toMatchObject({
      message: 'Wrong email or password',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(unknown.errors?.[0]).toMatchObject({
      message: 'Wrong email or password',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(await auditActions(owner.accessToken)).toEqual(
      expect.arrayContaining(['user.sign-in-failed', 'organization.registered']),
    );
  });

  it('backs off after five failed attempts on an account, known or not', async () => {
    await register('throttle');
    for (const email of ['owner@throttle.example', 'ghost@throttle.example']) {
      for (let i = 0; i < 5; i++)
        expect(codeOf(await login(email, 'wrong password!!'))).toBe('UNAUTHENTICATED');
      // Two more failures double the backoff twice (1, 2, then 4 s after the last), so the
      // check below holds however long a sign-in takes on a slow machine.
      for (let i = 0; i < 2; i++)
        expect(['UNAUTHENTICATED', 'RATE_LIMITED']).toContain(
          codeOf(await login(email, 'wrong password!!')),
        );
      const blocked = await login(email, PASSWORD); // even the right password waits
      expect(codeOf(blocked)).toBe('RATE_LIMITED');
      expect(blocked.errors?.[0]?.message).toMatch(
        /^Too many sign-in attempts; try again in \d+ s$/,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 8_100)); // the backoff after nine attempts
    expect((await login('owner@throttle.example', PASSWORD)).data?.login.accessToken).toBeTruthy();
    expect((await login('owner@throttle.example', PASSWORD)).data?.login.accessToken).toBeTruthy(); // success resets
  });

  it('keeps the owner’s known device signing in while someone fails on purpose', async () => {
    const owner = await register('lockout');
    const LOGIN = `mutation($e: String!, $p: String!, $d: String) { login(email: $e, password: $p, deviceToken: $d) { ${AUTH_FIELDS} deviceToken } }`;
    const loginFrom = (deviceToken: string | null, password = PASSWORD) =>
      graphqlRequest<{ login: Auth & { deviceToken: string } }>(gateway, LOGIN, {
        e: 'owner@lockout.example',
        p: password,
        d: deviceToken,
      });
    const first = (await loginFrom(null)).data!.login;
    expect(first.deviceToken).toMatch(/^[0-9a-f-]{36}\.\d+\./);
    for (let i = 0; i < 8; i++)
      expect(codeOf(await loginFrom(null, 'an attacker guesses'))).toMatch(
        /^(UNAUTHENTICATED|RATE_LIMITED)$/,
      );
    expect(codeOf(await loginFrom(null))).toBe('RATE_LIMITED'); // an unknown device waits
    const known = await loginFrom(first.deviceToken);
    expect(known.errors).toBeUndefined();
    expect(known.data!.login.user.id).toBe(owner.user.id);
    // A device token of another account is no pass for this one.
    await register('lockout-other');
    const foreign = await graphqlRequest<{ login: { deviceToken: string } }>(gateway, LOGIN, {
      e: 'owner@lockout-other.example',
      p: PASSWORD,
      d: null,
    });
    expect(codeOf(await loginFrom(foreign.data!.login.deviceToken))).toBe('RATE_LIMITED');
  });

  it('counts attempts sent side by side one by one (aliases, parallel requests)', async () => {
    await register('aliases');
    const aliased = Array.from(
      { length: 8 },
      (_, i) =>
        `a${i}: login(email: "owner@aliases.example", password: "wrong password!!") { accessToken }`,
    );
    const result = await graphqlRequest(gateway, `mutation { ${aliased.join(' ')} }`);
    // Mutation fields run one after another and the first failure of a
    // non-null field ends the operation: eight aliases check one password.
    expect((result.errors ?? []).map((error) => error.extensions?.code)).toEqual([
      'UNAUTHENTICATED',
    ]);

    await register('parallel');
    const parallel = await Promise.all(
      Array.from({ length: 8 }, () => login('owner@parallel.example', 'wrong password!!')),
    );
    expect(parallel.filter((r) => codeOf(r) === 'UNAUTHENTICATED').length).toBeLessThanOrEqual(5);
    expect(parallel.filter((r) => codeOf(r) === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(3);
  });

  it('refuses a common password at registration, naming the field', async () => {
    const result = await graphqlRequest(
      gateway,
      'mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { accessToken } }',
      {
        input: {
          name: 'Weak',
          slug: 'weak',
          ownerEmail: 'o@weak.example',
          ownerPassword: 'qwertyuiop',
          ownerFirstName: 'W',
          ownerLastName: 'W',
        },
      },
    );
    expect(result.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.ownerPassword',
    });
  });

  it('names the field of a malformed email', async () => {
    expect(fieldOf(await login('not an email', PASSWORD))).toBe('email');
  });
});

describe('password and profile', () => {
  const CHANGE =
    'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }';

  it('changes the password, keeps this session and ends the others', async () => {
    const owner = await register('password');
    const elsewhere = (await login('owner@password.example', PASSWORD)).data!.login;
    const wrongCurrent = await graphqlRequest(
      gateway,
      CHANGE,
      { c: 'not my password', n: 'a brand new passphrase' },
      { token: owner.accessToken },
    );
    expect(fieldOf(wrongCurrent)).toBe('currentPassword');
    const tooShort = await graphqlRequest(
      gateway,
      CHANGE,
      { c: PASSWORD, n: 'short' },
      { token: owner.accessToken },
    );
    expect(fieldOf(tooShort)).toBe('newPassword');

    const changed = await graphqlRequest<{ changePassword: boolean }>(
      gateway,
      CHANGE,
      { c: PASSWORD, n: 'a brand new passphrase' },
      { token: owner.accessToken },
    );
    expect(changed.data?.changePassword).toBe(true);
    expect((await me(owner.accessToken)).data?.me?.id).toBe(owner.user.id);
    expect(codeOf(await me(elsewhere.accessToken))).toBe('UNAUTHENTICATED');
    expect(codeOf(await login('owner@password.example', PASSWORD))).toBe('UNAUTHENTICATED');
    expect(
      (await login('owner@password.example', 'a brand new passphrase')).data?.login.user.id,
    ).toBe(owner.user.id);
  });

  it('edits first and last name, never the email', async () => {
    const owner = await register('profile');
    const UPDATE =
      'mutation($input: UpdateProfileInput!) { updateMyProfile(input: $input) { firstName lastName email } }';
    const updated = await graphqlData<{
      updateMyProfile: { firstName: string; lastName: string; email: string };
    }>(
      gateway,
      UPDATE,
      { input: { firstName: ' Ada ', lastName: 'Lovelace' } },
      { token: owner.accessToken },
    );
    expect(updated.updateMyProfile).toEqual({
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'owner@profile.example',
    });
    expect(
      fieldOf(
        await graphqlRequest(
          gateway,
          UPDATE,
          { input: { firstName: 'x'.repeat(101) } },
          { token: owner.accessToken },
        ),
      ),
    ).toBe('input.firstName');
    const withEmail = await graphqlRequest(
      gateway,
      UPDATE,
      { input: { email: 'evil@example.com' } },
      { token: owner.accessToken },
    );
    expect(codeOf(withEmail)).toBe('BAD_USER_INPUT');
    expect((await me(owner.accessToken)).data?.me?.firstName).toBe('Ada');
  });

  it('refuses anonymous callers', async () => {
    expect(codeOf(await graphqlRequest(gateway, 'mutation { logout }'))).toBe('UNAUTHENTICATED');
  });
});

describe('password reset', () => {
  const REQUEST = 'mutation($e: String!) { requestPasswordReset(email: $e) }';
  const RESET = 'mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }';

  it('answers the same for unknown and known addresses and emails only the known one', async () => {
    const owner = await register('reset');
    for (const email of ['ghost@reset.example', 'owner@reset.example']) {
      expect((await graphqlRequest(gateway, REQUEST, { e: email })).data).toEqual({
        requestPasswordReset: true,
      });
    }
    const mail = await mailbox.waitFor(
      (m) =>
        m.subject === 'Reset your Portico password' &&
        m.to !== undefined &&
        JSON.stringify(m.to).includes('owner@reset.example'),
    );
    const link = /https:\/\/portal\.example\.test\/reset-password\?token=([\w-]+)/.exec(
      mail.text ?? '',
    );
    expect(link).not.toBeNull();
    const token = link![1]!;
    expect(mail.html).toContain(token);

    // A bad new password does not use the token up.
    expect(fieldOf(await graphqlRequest(gateway, RESET, { t: token, p: 'qwertyuiop' }))).toBe(
      'newPassword',
    );
    expect(
      (await graphqlRequest(gateway, RESET, { t: token, p: 'my fresh reset passphrase' })).data,
    ).toEqual({ resetPassword: true });

    expect(codeOf(await me(owner.accessToken))).toBe('UNAUTHENTICATED'); // every session ended
    expect(codeOf(await login('owner@reset.example', PASSWORD))).toBe('UNAUTHENTICATED');
    const fresh = (await login('owner@reset.example', 'my fresh reset passphrase')).data!.login;
    expect(
      fieldOf(await graphqlRequest(gateway, RESET, { t: token, p: 'yet another passphrase' })),
    ).toBe('token'); // once only

    expect(mailbox.messages.some((m) => JSON.stringify(m.to).includes('ghost@reset.example'))).toBe(
      false,
    );
    const { emailHistory } = await graphqlData<{
      emailHistory: { edges: { node: { kind: string; status: string; subject: string } }[] };
    }>(
      gateway,
      '{ emailHistory { edges { node { kind status subject } } } }',
      {},
      { token: fresh.accessToken },
    );
    expect(emailHistory.edges.map((edge) => edge.node)).toEqual([
      { kind: 'PASSWORD_RESET', status: 'SENT', subject: 'Reset your Portico password' },
      {
        kind: 'EMAIL_VERIFICATION',
        status: 'SENT',
        subject: 'Confirm your email address for reset',
      },
    ]);
    expect(JSON.stringify(emailHistory)).not.toContain(token);
    expect(await auditActions(fresh.accessToken)).toEqual(
      expect.arrayContaining(['user.password-reset-requested', 'user.password-reset']),
    );
  });

  it('limits reset requests per address alike for known and unknown accounts', async () => {
    await register('flood');
    for (const email of ['owner@flood.example', 'nobody@flood.example']) {
      for (let i = 0; i < 3; i++)
        expect((await graphqlRequest(gateway, REQUEST, { e: email })).data).toEqual({
          requestPasswordReset: true,
        });
      expect(codeOf(await graphqlRequest(gateway, REQUEST, { e: email }))).toBe('RATE_LIMITED');
    }
  });

  it('refuses a made-up token, naming the field', async () => {
    expect(
      fieldOf(
        await graphqlRequest(gateway, RESET, {
          t: 'x'.repeat(43),
          p: 'a perfectly fine passphrase',
        }),
      ),
    ).toBe('token');
  });
});

describe('staff invitations', () => {
  const INVITE =
    'mutation($input: CreateStaffUserInput!) { createStaffUser(input: $input) { id email role kind firstName } }';
  const ACCEPT = `mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { ${AUTH_FIELDS} } }`;

  async function invitationToken(email: string): Promise<string> {
    const mail = await mailbox.waitFor(
      (m) =>
        m.subject?.startsWith('You are invited to') === true &&
        JSON.stringify(m.to).includes(email),
    );
    const link = /https:\/\/portal\.example\.test\/accept-invitation\?token=([\w-]+)/.exec(
      mail.text ?? '',
    );
    expect(link).not.toBeNull();
    return link![1]!;
  }

  it('lets an owner invite an admin who joins through the emailed link', async () => {
    const owner = await register('staff');
    const { createStaffUser } = await graphqlData<{
      createStaffUser: { id: string; role: string; kind: string };
    }>(
      gateway,
      INVITE,
      { input: { email: 'Ada@Staff.example', firstName: 'Ada', role: 'ADMIN' } },
      { token: owner.accessToken },
    );
    expect(createStaffUser).toMatchObject({ role: 'ADMIN', kind: 'STAFF' });
    const token = await invitationToken('ada@staff.example');
    expect(codeOf(await login('ada@staff.example', 'anything at all here'))).toBe(
      'UNAUTHENTICATED',
    ); // no password yet

    expect(fieldOf(await graphqlRequest(gateway, ACCEPT, { t: token, p: 'qwertyuiop' }))).toBe(
      'password',
    ); // token survives
    const accepted = await graphqlData<{ acceptInvitation: Auth }>(gateway, ACCEPT, {
      t: token,
      p: 'ada chooses a passphrase',
    });
    expect(accepted.acceptInvitation.user.id).toBe(createStaffUser.id);
    expect(
      fieldOf(await graphqlRequest(gateway, ACCEPT, { t: token, p: 'ada chooses a passphrase' })),
    ).toBe('token'); // once only
    expect((await login('ada@staff.example', 'ada chooses a passphrase')).data?.login.user.id).toBe(
      createStaffUser.id,
    );

    const duplicate = await graphqlRequest(
      gateway,
      INVITE,
      { input: { email: 'ada@staff.example', role: 'SPECIALIST' } },
      { token: owner.accessToken },
    );
    expect(duplicate.errors?.[0]?.extensions).toEqual({ code: 'CONFLICT', field: 'input.email' });
    expect(await auditActions(owner.accessToken)).toEqual(
      expect.arrayContaining(['user.staff-invited', 'user.invitation-accepted']),
    );
  });

  /** Invites `email` with `role` as the holder of `inviterToken`; the invitation result as it comes back. */
  const invite = (inviterToken: string | undefined, email: string, role: string) =>
    graphqlRequest(gateway, INVITE, { input: { email, role } }, { token: inviterToken });

  /** Invites and completes the invitation from the emailed link; the new user's session. */
  async function inviteAndJoin(inviterToken: string, email: string, role: string): Promise<Auth> {
    expect((await invite(inviterToken, email, role)).errors).toBeUndefined();
    const token = await invitationToken(email);
    return (
      await graphqlData<{ acceptInvitation: Auth }>(gateway, ACCEPT, {
        t: token,
        p: `${role} passphrase here`,
      })
    ).acceptInvitation;
  }

  it('sends no reset link to an invited user without a password, but points to the invitation', async () => {
    const owner = await register('unset');
    expect((await invite(owner.accessToken, 'new@unset.example', 'ADMIN')).errors).toBeUndefined();
    const token = await invitationToken('new@unset.example');
    expect(
      (
        await graphqlRequest(gateway, 'mutation($e: String!) { requestPasswordReset(email: $e) }', {
          e: 'new@unset.example',
        })
      ).data,
    ).toEqual({ requestPasswordReset: true });
    const mail = await mailbox.waitFor(
      (m) =>
        m.subject === 'Your portal access is not activated yet' &&
        JSON.stringify(m.to).includes('new@unset.example'),
    );
    expect(mail.text).toContain('from the invitation we emailed you');
    expect(mail.text).not.toContain('/reset-password');
    expect(mail.text).not.toContain('code we sent'); // staff get no SMS code
    expect(
      mailbox.messages.some(
        (m) =>
          m.subject === 'Reset your Portico password' &&
          JSON.stringify(m.to).includes('new@unset.example'),
      ),
    ).toBe(false);
    // The invitation still works, and is the only way in.
    expect(
      (await graphqlRequest(gateway, ACCEPT, { t: token, p: 'the invited passphrase' })).errors,
    ).toBeUndefined();
    expect(await auditActions(owner.accessToken)).toEqual(
      expect.arrayContaining(['user.password-reset-refused-not-activated']),
    );
  });

  it('checks the password before telling that an email belongs to several organizations', async () => {
    await register('multi-a');
    const other = await register('multi-b');
    const email = 'owner@multi-a.example';
    expect((await invite(other.accessToken, email, 'ADMIN')).errors).toBeUndefined();
    const token = await invitationToken(email);
    const secondPassword = 'a second passphrase';
    await graphqlData(gateway, ACCEPT, { t: token, p: secondPassword });

    const wrong = await login(email, 'not the password at all');
    expect([codeOf(wrong), wrong.errors?.[0]?.message]).toEqual([
      'UNAUTHENTICATED',
      'Wrong email or password',
    ]);
    // Each password opens its own organization without a question.
    const first = (await login(email, PASSWORD)).data!.login;
    const second = (await login(email, secondPassword)).data!.login;
    expect(first.user.id).not.toBe(second.user.id);

    // The same password in both: only now is the organization asked for.
    const change = await graphqlRequest(
      gateway,
      'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }',
      { c: secondPassword, n: PASSWORD },
      { token: second.accessToken },
    );
    expect(change.errors).toBeUndefined();
    const ambiguous = await login(email, PASSWORD);
    expect([codeOf(ambiguous), fieldOf(ambiguous)]).toEqual(['BAD_USER_INPUT', 'organizationSlug']);
    const chosen = await graphqlRequest<{ login: Auth }>(
      gateway,
      `mutation($e: String!, $p: String!, $o: String) { login(email: $e, password: $p, organizationSlug: $o) { ${AUTH_FIELDS} } }`,
      { e: email, p: PASSWORD, o: 'multi-b' },
    );
    expect(chosen.data?.login.user.id).toBe(second.user.id);
  });

  it('keeps roles in their place: an admin cannot invite an owner, a specialist cannot invite anyone', async () => {
    const owner = await register('roles');
    const admin = await inviteAndJoin(owner.accessToken, 'admin@roles.example', 'ADMIN');
    expect(codeOf(await invite(admin.accessToken, 'boss@roles.example', 'OWNER'))).toBe(
      'FORBIDDEN',
    );
    const specialist = await inviteAndJoin(admin.accessToken, 'spec@roles.example', 'SPECIALIST');
    expect(codeOf(await invite(specialist.accessToken, 'x@roles.example', 'SPECIALIST'))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await invite(undefined, 'y@roles.example', 'SPECIALIST'))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('disables a staff user on the next request and lets owners and admins manage staff', async () => {
    const owner = await register('disable');
    const admin = await inviteAndJoin(owner.accessToken, 'admin@disable.example', 'ADMIN');
    const specialist = await inviteAndJoin(owner.accessToken, 'spec@disable.example', 'SPECIALIST');
    const SET =
      'mutation($id: ID!, $d: Boolean!) { setUserDisabled(id: $id, disabled: $d) { id disabled } }';
    const set = (token: string, id: string, d: boolean) =>
      graphqlRequest<{ setUserDisabled: { disabled: boolean } }>(
        gateway,
        SET,
        { id, d },
        { token },
      );

    expect(codeOf(await set(specialist.accessToken, admin.user.id, true))).toBe('FORBIDDEN');
    expect(codeOf(await set(admin.accessToken, owner.user.id, true))).toBe('FORBIDDEN');
    expect(fieldOf(await set(owner.accessToken, owner.user.id, true))).toBe('id');
    const other = await register('disable-other');
    expect(codeOf(await set(other.accessToken, specialist.user.id, true))).toBe('NOT_FOUND');

    expect((await me(specialist.accessToken)).data?.me?.id).toBe(specialist.user.id);
    const disabled = await set(admin.accessToken, specialist.user.id, true);
    expect(disabled.data?.setUserDisabled.disabled).toBe(true);
    expect(codeOf(await me(specialist.accessToken))).toBe('UNAUTHENTICATED');
    expect(codeOf(await refresh(specialist.refreshToken))).toBe('UNAUTHENTICATED');
    expect(codeOf(await login('spec@disable.example', 'SPECIALIST passphrase here'))).toBe(
      'UNAUTHENTICATED',
    );

    await set(admin.accessToken, specialist.user.id, false);
    expect(
      (await login('spec@disable.example', 'SPECIALIST passphrase here')).errors,
    ).toBeUndefined();
    const { staffUsers } = await graphqlData<{
      staffUsers: { email: string; disabled: boolean }[];
    }>(gateway, '{ staffUsers { email disabled } }', {}, { token: owner.accessToken });
    expect(staffUsers.map((user) => user.email)).toEqual([
      'admin@disable.example',
      'owner@disable.example',
      'spec@disable.example',
    ]);
    expect(await auditActions(owner.accessToken)).toEqual(
      expect.arrayContaining(['user.disabled', 'user.enabled']),
    );
  });

  it('lets owners and admins change roles, keeps an owner, and ends the changed sessions', async () => {
    const owner = await register('staff-roles');
    const admin = await inviteAndJoin(owner.accessToken, 'admin@staff-roles.example', 'ADMIN');
    const specialist = await inviteAndJoin(
      owner.accessToken,
      'spec@staff-roles.example',
      'SPECIALIST',
    );
    const SET =
      'mutation($id: ID!, $r: StaffRole!) { setStaffRole(id: $id, role: $r) { id role } }';
    const set = (token: string, id: string, r: string) =>
      graphqlRequest<{ setStaffRole: { role: string } }>(gateway, SET, { id, r }, { token });

    expect(codeOf(await set(specialist.accessToken, admin.user.id, 'SPECIALIST'))).toBe(
      'FORBIDDEN',
    );
    // Only an owner gives or takes the owner role.
    expect(codeOf(await set(admin.accessToken, specialist.user.id, 'OWNER'))).toBe('FORBIDDEN');
    expect(codeOf(await set(admin.accessToken, owner.user.id, 'ADMIN'))).toBe('FORBIDDEN');
    // The last owner stays one.
    const last = await set(owner.accessToken, owner.user.id, 'ADMIN');
    expect([codeOf(last), fieldOf(last)]).toEqual(['CONFLICT', 'role']);
    const other = await register('staff-roles-other');
    expect(codeOf(await set(other.accessToken, specialist.user.id, 'ADMIN'))).toBe('NOT_FOUND');

    const promoted = await set(admin.accessToken, specialist.user.id, 'ADMIN');
    expect(promoted.data?.setStaffRole.role).toBe('ADMIN');
    // Their token carried SPECIALIST: it is refused, and the next sign-in carries ADMIN.
    expect(codeOf(await me(specialist.accessToken))).toBe('UNAUTHENTICATED');
    expect(codeOf(await refresh(specialist.refreshToken))).toBe('UNAUTHENTICATED');

    // With a second owner, the first may step down.
    expect((await set(owner.accessToken, admin.user.id, 'OWNER')).data?.setStaffRole.role).toBe(
      'OWNER',
    );
    expect((await set(owner.accessToken, owner.user.id, 'ADMIN')).data?.setStaffRole.role).toBe(
      'ADMIN',
    );
    const { staffUsers } = await graphqlData<{ staffUsers: { email: string; role: string }[] }>(
      gateway,
      '{ staffUsers { email role } }',
      {},
      {
        token: (await login('admin@staff-roles.example', 'ADMIN passphrase here')).data!.login
          .accessToken,
      },
    );
    expect(staffUsers).toEqual([
      { email: 'admin@staff-roles.example', role: 'OWNER' },
      { email: 'owner@staff-roles.example', role: 'ADMIN' },
      { email: 'spec@staff-roles.example', role: 'ADMIN' },
    ]);
  });
});

describe('owner verification', () => {
  it('holds customer emails until the owner confirms their address, then sends them', async () => {
    const owner = await register('verify');
    const t = owner.accessToken;
    const confirm = await emailTo(mailbox, 'owner@verify.example', 'Confirm your email address');
    const token = linkToken(confirm, '/verify-email');

    const { createCustomer } = await graphqlData<{ createCustomer: { id: string } }>(
      gateway,
      'mutation { createCustomer(input: { type: COMPANY, companyName: "Waiting AG", email: "ap@waiting.example" }) { id } }',
      {},
      { token: t },
    );
    await graphqlData(
      gateway,
      'mutation($c: ID!) { grantPortalAccess(customerId: $c, input: { email: "anna@waiting.example" }) { id } }',
      { c: createCustomer.id },
      { token: t },
    );
    const invoice = await issueInvoice(gateway, t, createCustomer.id);
    // The invoice's issued event is taken up (its PDF rendered), and nothing went out.
    await renderedPdf(gateway, t, invoice.id);
    const toCustomer = () =>
      mailbox.messages.filter((m) => /@waiting\.example/.test(JSON.stringify(m.to)));
    expect(toCustomer()).toEqual([]);

    expect(
      (
        await graphqlRequest(gateway, 'mutation($t: String!) { verifyEmail(token: $t) }', {
          t: token,
        })
      ).data,
    ).toEqual({ verifyEmail: true });
    await emailTo(mailbox, 'anna@waiting.example', 'Your customer portal at verify');
    await emailTo(mailbox, 'ap@waiting.example', `Invoice ${invoice.number}`);
    expect(
      fieldOf(
        await graphqlRequest(gateway, 'mutation($t: String!) { verifyEmail(token: $t) }', {
          t: token,
        }),
      ),
    ).toBe('token'); // once only
    // Confirmed: the next email goes out at once.
    const next = await issueInvoice(gateway, t, createCustomer.id);
    await emailTo(mailbox, 'ap@waiting.example', `Invoice ${next.number}`);
  });
});
