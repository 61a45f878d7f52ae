import { Schema, type Connection } from 'mongoose';

/**
 * The document service's read model of customers, fed by customer events.
 * It never reads the customer database.
 */
export interface CustomerReplicaRecord {
  _id: string; // customer id
  tenantId: string;
  number: string;
  displayName: string;
  email: string | null;
  address: Record<string, string | null> | null;
  taxId: string | null;
  vatId: string | null;
  administratorIds: string[];
}

const customerReplicaSchema = new Schema<CustomerReplicaRecord>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    number: { type: String, required: true },
    displayName: { type: String, required: true },
    email: { type: String, default: null },
    address: { type: Object, default: null },
    taxId: { type: String, default: null },
    vatId: { type: String, default: null },
    administratorIds: { type: [String], default: [] },
  },
  { versionKey: false },
);
// serves: the customers a SPECIALIST administers
customerReplicaSchema.index({ tenantId: 1, administratorIds: 1 });

export const customerReplicaModel = (connection: Connection) =>
  connection.model<CustomerReplicaRecord>(
    'CustomerReplica',
    customerReplicaSchema,
    'customer_replicas',
  );
