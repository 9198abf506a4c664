import { z } from 'zod';
import { Id, PositionHolder, PositionKey } from '../org';

export const PositionParams = z.object({ orgUnitId: Id, position: PositionKey });
export const PositionListQuery = z.object({ position: PositionKey.optional() });
export const AssignPositionRequest = z.object({ personId: Id });

/** A holder with who they are, for a list an ops admin can read without a second lookup. */
export const PositionHolderView = PositionHolder.extend({ personName: z.string(), unitName: z.string() });
export type PositionHolderView = z.infer<typeof PositionHolderView>;
export const PositionHolderList = z.object({ holders: z.array(PositionHolderView) });
