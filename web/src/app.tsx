import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { LocaleProvider } from './i18n/locale';
import { NotFoundPage } from './pages/not-found-page';
import { SignInPage } from './pages/sign-in-page';
import { loadApollo, loadDocumentsPage, loadShell } from './signed-in-chunks';

// Sign-in is in the first chunk (most visits start there), without Apollo Client;
// every other page, and Apollo with them, loads on demand.
const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  {
    lazy: async () => ({ Component: (await loadApollo()).ApolloOutlet }),
    children: [
      {
        path: '/forgot-password',
        lazy: async () => ({
          Component: (await import('./pages/forgot-password-page')).ForgotPasswordPage,
        }),
      },
      {
        path: '/reset-password',
        lazy: async () => ({
          Component: (await import('./pages/reset-password-page')).ResetPasswordPage,
        }),
      },
      {
        path: '/accept-invitation',
        lazy: async () => ({
          Component: (await import('./pages/accept-invitation-page')).AcceptInvitationPage,
        }),
      },
      {
        lazy: async () => ({ Component: (await loadShell()).SignedInShell }),
        children: [
          { path: '/', element: <Navigate to="/documents" replace /> },
          {
            path: '/documents',
            lazy: async () => ({ Component: (await loadDocumentsPage()).DocumentsPage }),
          },
          {
            lazy: async () => ({ Component: (await import('./staff/staff-only')).StaffOnly }),
            children: [
              {
                path: '/overview',
                lazy: async () => ({
                  Component: (await import('./staff/overview-page')).OverviewPage,
                }),
              },
              {
                path: '/contacts',
                lazy: async () => ({
                  Component: (await import('./staff/contacts-page')).ContactsPage,
                }),
              },
              {
                path: '/customers',
                lazy: async () => ({
                  Component: (await import('./staff/customers-page')).CustomersPage,
                }),
              },
              {
                path: '/customers/new',
                lazy: async () => ({
                  Component: (await import('./staff/new-customer-page')).NewCustomerPage,
                }),
              },
              {
                path: '/customers/:id',
                lazy: async () => ({
                  Component: (await import('./staff/customer-detail-page')).CustomerDetailPage,
                }),
              },
              {
                path: '/documents/new',
                lazy: async () => ({
                  Component: (await import('./staff/document-editor-page')).NewDocumentPage,
                }),
              },
              {
                path: '/documents/:id/edit',
                lazy: async () => ({
                  Component: (await import('./staff/document-editor-page')).EditDocumentPage,
                }),
              },
              {
                lazy: async () => ({
                  Component: (await import('./staff/staff-only')).OwnerOrAdminOnly,
                }),
                children: [
                  {
                    path: '/emails',
                    lazy: async () => ({
                      Component: (await import('./staff/emails-page')).EmailsPage,
                    }),
                  },
                  {
                    path: '/settings',
                    lazy: async () => ({
                      Component: (await import('./staff/settings-page')).SettingsPage,
                    }),
                  },
                  {
                    path: '/team',
                    lazy: async () => ({
                      Component: (await import('./staff/team-page')).TeamPage,
                    }),
                  },
                  {
                    path: '/webhooks',
                    lazy: async () => ({
                      Component: (await import('./staff/webhooks-page')).WebhooksPage,
                    }),
                  },
                  {
                    path: '/audit',
                    lazy: async () => ({
                      Component: (await import('./staff/audit-page')).AuditPage,
                    }),
                  },
                ],
              },
            ],
          },
          {
            path: '/documents/:id',
            lazy: async () => ({
              Component: (await import('./pages/document-page')).DocumentPage,
            }),
          },
          {
            path: '/statement',
            lazy: async () => ({
              Component: (await import('./pages/statement-page')).StatementPage,
            }),
          },
          {
            path: '/customer',
            lazy: async () => ({ Component: (await import('./pages/customer-page')).CustomerPage }),
          },
          {
            path: '/profile',
            lazy: async () => ({ Component: (await import('./pages/profile-page')).ProfilePage }),
          },
        ],
      },
    ],
  },
  { path: '*', element: <NotFoundPage /> },
]);

export function App() {
  return (
    <LocaleProvider>
      <RouterProvider router={router} />
    </LocaleProvider>
  );
}
