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
}

const customerReplicaSchema = new Schema<CustomerReplicaRecord>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    number: { type: String, required: true },
    displayName: { type: String, required: true },
    email: { type: String, default: null },
  },
  { versionKey: false },
);

export const customerReplicaModel = (connection: Connection) =>
  connection.model<CustomerReplicaRecord>(
    'CustomerReplica',
    customerReplicaSchema,
    'customer_replicas',
  );
