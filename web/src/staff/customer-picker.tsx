import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import {
  ComboBox,
  FieldError,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Text,
} from 'react-aria-components';
import { graphql } from '../gql';
import { useT } from '../i18n/locale';

const CustomerChoices = graphql(`
  query CustomerChoices($search: String) {
    customers(filter: { search: $search }, first: 20) {
      edges {
        node {
          id
          number
          displayName
        }
      }
    }
  }
`);

const CustomerChoice = graphql(`
  query CustomerChoice($id: ID!) {
    customer(id: $id) {
      id
      number
      displayName
    }
  }
`);

/**
 * The customer a document is for, found by typing part of its name, number or email: the
 * server searches, so this works the same with ten customers or a hundred thousand.
 */
export function CustomerPicker({
  value,
  onChange,
  error,
  isDisabled = false,
}: {
  value: string;
  onChange(id: string): void;
  error?: string | undefined;
  isDisabled?: boolean;
}) {
  const t = useT();
  const [typed, setTyped] = useState<string | null>(null);
  const chosen = useQuery(CustomerChoice, { variables: { id: value }, skip: !value });
  const chosenName = chosen.data?.customer
    ? `${chosen.data.customer.displayName} (${chosen.data.customer.number})`
    : '';
  const search = typed ?? '';
  const { data } = useQuery(CustomerChoices, {
    variables: { search: search.trim() || null },
    skip: typed === null,
  });
  const items = (data?.customers.edges ?? []).map(({ node }) => ({
    id: node.id,
    name: `${node.displayName} (${node.number})`,
  }));
  return (
    <ComboBox
      className="field"
      items={items}
      inputValue={typed ?? chosenName}
      onInputChange={setTyped}
      selectedKey={value || null}
      onSelectionChange={(key) => {
        if (key === null) return;
        // The input shows the chosen customer's name from here on.
        setTyped(items.find((item) => item.id === key)?.name ?? null);
        onChange(String(key));
      }}
      menuTrigger="input"
      isRequired
      isDisabled={isDisabled}
      isInvalid={Boolean(error)}
      validationBehavior="aria"
      allowsEmptyCollection
    >
      <Label>{t('document.customer')}</Label>
      <Input />
      <Text slot="description">{t('editor.customerHint')}</Text>
      <FieldError>{error}</FieldError>
      <Popover className="popover">
        <ListBox className="listbox" renderEmptyState={() => <p>{t('editor.noCustomer')}</p>}>
          {(item: { id: string; name: string }) => (
            <ListBoxItem id={item.id} className="listbox-item">
              {item.name}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
