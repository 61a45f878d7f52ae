import { useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { graphql } from '../gql';

const PortalBrandQuery = graphql(`
  query PortalBrand($organizationId: ID!) {
    portalBrand(organizationId: $organizationId) {
      name
      colour
      onColour
      logo
    }
  }
`);

/**
 * The organization's name, logo and colour, once known. Its colour becomes
 * the page's --brand (bands, primary buttons) with --brand-ink readable on
 * it; links keep the portal's own accent, which always reads on white.
 */
export function usePortalBrand(organizationId: string | null) {
  const { data } = useQuery(PortalBrandQuery, {
    variables: { organizationId: organizationId ?? '' },
    skip: !organizationId,
  });
  const brand = data?.portalBrand ?? null;
  useEffect(() => {
    if (!brand) return;
    const root = document.documentElement.style;
    root.setProperty('--brand', brand.colour);
    root.setProperty('--brand-ink', brand.onColour);
    return () => {
      root.removeProperty('--brand');
      root.removeProperty('--brand-ink');
    };
  }, [brand]);
  return brand;
}

/**
 * The organization a public page belongs to: every link in an email names it
 * (`?organization=`), also inside the `next` of a sign-in it led to.
 */
export function useLinkedOrganization(): string | null {
  const [params] = useSearchParams();
  const named = params.get('organization');
  if (named) return named;
  const next = params.get('next');
  if (!next?.startsWith('/')) return null;
  return new URL(next, window.location.origin).searchParams.get('organization');
}

/** The logo (named by its alt text) or, without one, the name. */
export function BrandMark({ brand, fallback }: { brand: Brand | null; fallback: string }) {
  if (brand?.logo) return <img className="brand-logo" src={brand.logo} alt={brand.name} />;
  return <span className="brand">{brand?.name ?? fallback}</span>;
}

type Brand = NonNullable<ReturnType<typeof usePortalBrand>>;
