import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { graphqlRequest } from '../api/graphql-request';
import { graphql } from '../gql';
import type { PortalBrandQuery as PortalBrandResult } from '../gql/graphql';

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

type Brand = PortalBrandResult['portalBrand'];

// Asked once per organization and page load, whichever page asks first.
const brands = new Map<string, Promise<Brand | null>>();

function brandOf(organizationId: string): Promise<Brand | null> {
  let brand = brands.get(organizationId);
  if (!brand) {
    // Without its brand the page still works, in Portico's colours.
    brand = graphqlRequest(PortalBrandQuery, { organizationId }).then(
      (data) => data.portalBrand,
      () => null,
    );
    brands.set(organizationId, brand);
  }
  return brand;
}

/**
 * The organization's name, logo and colour, once known. Its colour becomes
 * the page's --brand (bands, primary buttons) with --brand-ink readable on
 * it; links keep the portal's own accent, which always reads on white.
 * By fetch, not Apollo: sign-in shows it and ships without Apollo.
 */
export function usePortalBrand(organizationId: string | null): Brand | null {
  const [brand, setBrand] = useState<Brand | null>(null);
  useEffect(() => {
    if (!organizationId) return;
    let current = true;
    void brandOf(organizationId).then((found) => current && setBrand(found));
    return () => {
      current = false;
    };
  }, [organizationId]);
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
