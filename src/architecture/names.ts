import type { AnyArchitecture } from './types';

/**
 * "Echo state network (ESN)", but "AlexNet" alone: an architecture whose abbreviation is its name
 * (AlexNet, ZFNet) is not named twice.
 */
export const nameWithAbbreviation = (a: Pick<AnyArchitecture, 'name' | 'abbreviation'>): string => (a.abbreviation === a.name ? a.name : `${a.name} (${a.abbreviation})`);
