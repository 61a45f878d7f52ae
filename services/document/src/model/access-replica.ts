import { Schema, type Connection } from 'mongoose';
import type { CloudEvent, Permission } from '@portico/events';

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

/** What an access event changes in the access (a `$set`), or null for other events. */
export type AccessChange =
  | { accessId: string; customerId: string; permissions: Permission[] }
  | { accessId: string; customerId: string; revoked: true };

export function accessChangeOf(event: CloudEvent): AccessChange | null {
  switch (event.type) {
    case 'portico.access.granted.v1':
    case 'portico.access.updated.v1': {
      const { accessId, customerId, permissions } = event.data;
      return { accessId, customerId, permissions };
    }
    case 'portico.access.revoked.v1': {
      const { accessId, customerId } = event.data;
      return { accessId, customerId, revoked: true };
    }
    default:
      return null;
  }
}
