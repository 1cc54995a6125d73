import { bare } from './bare.ts';
import { hocuspocus } from './hocuspocus.ts';
import { ours } from './ours.ts';
import type { TargetFactory } from './types.ts';

export const TARGETS: readonly TargetFactory[] = [ours, bare, hocuspocus];
export type { BenchClient, BenchRoom, RunningTarget, TargetFactory, TargetName } from './types.ts';
