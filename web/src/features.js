// What each feature behind the risk score means (the investigator reads these next to the numbers).
export const FEATURES = [
  ['synchrony', 'Share of the members’ requests sent in lockstep with other members (same seconds, load-balanced scripts).'],
  ['harvestSynchrony', 'Synchrony counted over harvesting requests only (reasoning / chain-of-thought capabilities).'],
  ['templateConcentration', 'How concentrated the members’ prompts are on a few prompt templates (fingerprints).'],
  ['templatePool', 'Share of members who run a prompt template the cluster holds (one nobody outside runs, more such templates than chance gives): counted by members, so camouflage or resold traffic does not dilute it.'],
  ['templatePoolHarvest', 'Harvesting share of the requests on the templates of that pool: what the pool’s prompts are used for.'],
  ['capabilityConcentration', 'How concentrated the requests are on the capabilities worth distilling.'],
  ['releasePivot', 'How fast the members moved to each new model after its release (within a day scores high).'],
  ['paymentSharing', 'How many members pay with the same instruments (card fingerprints).'],
  ['pathwayMix', 'Mix of access pathways (self-serve, reseller, enterprise) unusual for one organisation.'],
  ['signupBurst', 'How tightly the accounts were created together in time.'],
  ['size', 'Size of the cluster, scaled to [0, 1].'],
  ['volume', 'Request and output-token volume per member, scaled to [0, 1].'],
  ['orgConsistency', 'How consistently the members declare one organisation (an open team scores high: counter-evidence).'],
  ['harvestSpanDays', 'Days holding the central 90 % of harvesting requests; 2 or less marks a one-off event (hackathon), not a campaign.'],
  ['coUse', 'Share of members that share more distinct subnets, ASNs, templates, clients or payment instruments with another member than chance predicts.'],
  ['groupSynchrony', 'How far the members are active together beyond what their own daily rhythms predict (members shifted by whole days as the null), on several days.'],
  ['transparency', 'Share of members openly declaring one organisation (vetted pathway or its own e-mail domain): counter-evidence.'],
  ['openOrganisations', 'Share of members open about their own organisation (vetted pathway, its own e-mail domain, or a rare name colleagues share) whose shared cards and addresses stay inside it: counter-evidence; several open teams together count like one.'],
  ['onePerson', 'Share of members that are one named person with every member their shared cards and addresses reach (the same display name, too rare to be chance): one person’s accounts, not a crew: counter-evidence.'],
  ['concealment', 'Share of members tied by shared money or infrastructure while presenting as unrelated identities.'],
  ['concealedInstruments', 'How many distinct cards or wallets members share across organisations (a count, not a share): one operator’s money spread over unrelated identities. Three or more, with most members sharing money, concealed and co-using infrastructure, count as harvesting: a reseller’s farm.'],
  ['sharedTemplateHarvest', 'Harvesting share of the requests on the templates many members share: the campaign’s own prompts, however much resold traffic surrounds them.'],
];

/** Colour of an evidence link by the rule that made it. */
export const RULE_COLOURS = {
  shared_payment: '#d62728', payment: '#d62728', lockstep: '#9467bd', synchrony: '#9467bd', template: '#2ca02c', prompt_template: '#2ca02c',
  shared_ip: '#ff7f0e', ip: '#ff7f0e', client: '#8c564b', co_use: '#bcbd22', co_location: '#aec7e8', signup: '#17becf', release: '#e377c2',
};

export function ruleColour(rule) {
  const r = String(rule).toLowerCase();
  for (const [k, c] of Object.entries(RULE_COLOURS)) if (r.includes(k)) return c;
  return '#7f7f7f';
}

/** Colour and label of a shared-resource kind. */
export const KINDS = {
  PAYMENT_FINGERPRINT: { colour: '#d62728', label: 'payment' },
  IP: { colour: '#ff7f0e', label: 'IP' },
  ASN: { colour: '#bcbd22', label: 'ASN' },
  PROMPT_FINGERPRINT: { colour: '#2ca02c', label: 'template' },
  CLIENT: { colour: '#8c564b', label: 'client' },
};

/** The look-up kind for a resource kind (ASN has no look-up). */
export const LOOKUP_KIND = { PAYMENT_FINGERPRINT: 'PAYMENT_FINGERPRINT', IP: 'IP', PROMPT_FINGERPRINT: 'PROMPT_FINGERPRINT', CLIENT: 'CLIENT' };
