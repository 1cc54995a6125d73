/**
 * The bindings that tie a speech bubble or a first step to its loop step (packages/schema,
 * links.ts). They hold nothing beyond their two ends: tldraw's defaults already do what a link
 * needs (a deleted card or step takes its links along; copy and duplicate keep a link when both
 * ends go along and drop it otherwise), and the cards draw their own tail from the binding.
 */
import {
  BEHAVIOUR_LINK,
  type BehaviourLink,
  FIRST_STEP_LINK,
  type FirstStepLink,
  linkMigrations,
} from '@patroonkaart/schema';
import { BindingUtil } from 'tldraw';

export class BehaviourLinkUtil extends BindingUtil<BehaviourLink> {
  static override type = BEHAVIOUR_LINK;
  static override props = {};
  static override migrations = linkMigrations;
  override getDefaultProps() {
    return {};
  }
}

export class FirstStepLinkUtil extends BindingUtil<FirstStepLink> {
  static override type = FIRST_STEP_LINK;
  static override props = {};
  static override migrations = linkMigrations;
  override getDefaultProps() {
    return {};
  }
}
