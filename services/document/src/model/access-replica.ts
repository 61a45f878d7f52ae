import { Schema, type Connection } from 'mongoose';
import type { Permission } from '@portico/events';

/** The document service's read model of portal accesses: what each contact may do. */
export interface AccessReplicaRecord {
  _id: string; // access id
  tenantId: string;
  customerId: string;
  permissions: Permission[];
  revoked: boolean;
}

const accessReplicaSchema = new Schema<AccessReplicaRecord>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    customerId: { type: String, required: true },
    permissions: { type: [String], default: [] },
    revoked: { type: Boolean, default: false },
  },
  { versionKey: false },
);
// serves: erasing a customer's accesses
accessReplicaSchema.index({ tenantId: 1, customerId: 1 });

export const accessReplicaModel = (connection: Connection) =>
  connection.model<AccessReplicaRecord>('AccessReplica', accessReplicaSchema, 'access_replicas');
