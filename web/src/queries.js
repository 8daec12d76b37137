// Every GraphQL document the page sends (named operations: they show in the audit trail).
export const VIEWER = 'query Viewer { viewer { keyId role } }';

export const CLUSTERS = `query Clusters($flagged: Boolean, $operatorId: ID, $minRisk: Float, $maxRisk: Float, $minSize: Int, $signal: ClusterSignal,
  $from: DateTime, $to: DateTime, $orderBy: ClusterOrder!, $first: Int, $after: String) {
  clusters(flagged: $flagged, operatorId: $operatorId, minRisk: $minRisk, maxRisk: $maxRisk, minSize: $minSize, signal: $signal,
    from: $from, to: $to, orderBy: $orderBy, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id riskScore flagged size firstActivity lastActivity operator { id name confidence overridden } lineage { kind } }
  }
}`;

export const OPERATORS = 'query Operators { operators(first: 100) { nodes { id name clusterCount } } }';

export const CLUSTER = `query Cluster($id: ID!) {
  cluster(id: $id) {
    id runId riskScore flagged size firstActivity lastActivity evidenceRoot
    operator { id name confidence independentKinds overridden overrideReason
      matchedIndicators { operatorId kind value confidence source matchedMembers exampleMembers }
      through { sourceClusterId ridingMembers sharedElements exampleElements } }
    originalOperator { id name confidence }
    operatorOverrides { operatorId originalOperatorId reason role recordedAt }
    features { synchrony harvestSynchrony templateConcentration templatePool templatePoolHarvest capabilityConcentration releasePivot paymentSharing pathwayMix
      signupBurst size volume orgConsistency harvestSpanDays coUse groupSynchrony transparency openOrganisations onePerson concealment concealedInstruments sharedTemplateHarvest memberCount requestCount }
    counterEvidence { kind subject summary count }
    lineage { kind parents }
    verdicts { verdict note role keyId recordedAt }
    graph { resourcesTruncated compact { members parents depths matched { member indicators } resources { kind value label members outsideAccounts } links { rule from to weights } } }
  }
}`;

export const TIMELINE = `query MemberTimeline($id: ID!, $granularity: ActivityGranularity!) {
  cluster(id: $id) { id memberActivity(granularity: $granularity) { start bucketMillis bucketCount rows { account buckets requests } } }
  modelReleases { model releasedAt }
}`;

// The evidence panel: each step of the evidence tree once (by depth, or a member's ancestors), with its links' record
// counts; a step's records when it is opened, a page per link (docs/api.md#evidence-steps).
const STEP = 'account parent depth matchedIndicators links { rule weight from to summary provenanceCount }';
const RECORD = 'kind account value requestId firstSeen lastSeen count';

export const EVIDENCE_STEPS = `query EvidenceSteps($id: ID!, $first: Int, $after: String) {
  cluster(id: $id) { id evidenceSteps(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ${STEP} } } }
}`;

export const EVIDENCE_CHAIN = `query EvidenceChain($id: ID!, $member: ID!, $first: Int, $after: String) {
  cluster(id: $id) { id evidenceSteps(ancestorsOf: $member, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ${STEP} } } }
}`;

export const STEP_RECORDS = `query EvidenceStepRecords($id: ID!, $member: ID!, $first: Int) {
  cluster(id: $id) { id evidenceStep(account: $member) { account
    links { rule provenanceCount provenanceRecords(first: $first) { pageInfo { hasNextPage endCursor } nodes { ${RECORD} } } } } }
}`;

export const LINK_RECORDS = `query EvidenceLinkRecords($id: ID!, $member: ID!, $link: Int!, $first: Int, $after: String) {
  cluster(id: $id) { id evidenceStep(account: $member) { account
    link(index: $link) { rule provenanceRecords(first: $first, after: $after) { pageInfo { hasNextPage endCursor } nodes { ${RECORD} } } } } }
}`;

export const ACCOUNT = `query Account($id: ID!) {
  account(id: $id) {
    id createdAt emailDomain orgName accessPathway country status
    cluster { id riskScore flagged size operator { id name } }
    payments { fingerprint kind bin issuerCountry firstSeen }
    ips { ip asn asnOrg ipType sessions requests firstSeen lastSeen }
    requestStats { requests inputTokens outputTokens firstRequest lastRequest byModel { name count } byCapability { name count } }
  }
}`;

export const LOOKUP = `query Lookup($kind: LookupKind!, $value: String!, $first: Int, $after: String) {
  lookup(kind: $kind, value: $value, first: $first, after: $after) {
    truncated
    accounts { totalCount pageInfo { hasNextPage endCursor } nodes { id emailDomain orgName cluster { id flagged riskScore } } }
    clusters(first: 20) { totalCount nodes { id riskScore flagged size operator { id name } } }
  }
}`;

export const RECORD_VERDICT = `mutation RecordVerdict($clusterId: ID!, $verdict: Verdict!, $note: String) {
  recordVerdict(clusterId: $clusterId, verdict: $verdict, note: $note) { id verdict note role recordedAt }
}`;

export const OVERRIDE_OPERATOR = `mutation OverrideOperator($clusterId: ID!, $operatorId: ID!, $reason: String!) {
  overrideOperator(clusterId: $clusterId, operatorId: $operatorId, reason: $reason) { id operator { id name overridden overrideReason } }
}`;

export const REQUEST_PACK = `mutation RequestEvidencePack($clusterId: ID!) {
  requestEvidencePack(clusterId: $clusterId) { clusterId status message }
}`;

export const AUDIT = `query AuditTrail($first: Int, $after: String) {
  auditEntries(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor }
    nodes { sequence time keyId role operationName variables outcome } }
  verifyAuditTrail { intact entries firstBrokenSequence reason }
}`;
