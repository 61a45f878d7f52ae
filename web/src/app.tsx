import { ApolloProvider } from '@apollo/client/react';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { client } from './api/client';
import { LocaleProvider } from './i18n/locale';
import { AppShell } from './layout/app-shell';
import { NotFoundPage } from './pages/not-found-page';
import { SignInPage } from './pages/sign-in-page';
import { RequireSession } from './session/require-session';

// Sign-in is in the first chunk (most visits start there); every other page loads on demand.
const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
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
    element: (
      <RequireSession>
        <AppShell />
      </RequireSession>
    ),
    children: [
      { path: '/', element: <Navigate to="/documents" replace /> },
      {
        path: '/documents',
        lazy: async () => ({ Component: (await import('./pages/documents-page')).DocumentsPage }),
      },
      {
        path: '/documents/:id',
        lazy: async () => ({ Component: (await import('./pages/document-page')).DocumentPage }),
      },
      {
        path: '/statement',
        lazy: async () => ({ Component: (await import('./pages/statement-page')).StatementPage }),
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
  { path: '*', element: <NotFoundPage /> },
]);

export function App() {
  return (
    <LocaleProvider>
      <ApolloProvider client={client}>
        <RouterProvider router={router} />
      </ApolloProvider>
    </LocaleProvider>
  );
}
