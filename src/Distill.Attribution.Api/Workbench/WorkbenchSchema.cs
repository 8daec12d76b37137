using Distill.Attribution.Application.Clusters;
using Distill.Attribution.Application.Clusters.GetClusterGraph;
using Distill.Attribution.Application.Clusters.GetMemberActivity;
using Distill.Attribution.Application.Clusters.ListModelReleases;
using Distill.GraphQL.TypeSystem;

namespace Distill.Attribution.Api.Workbench;

/// <summary>
/// What the investigator workbench draws: <c>Cluster.graph</c> (members, shared resources with their members and
/// outsider counts, evidence links), <c>Cluster.memberActivity</c> (the members × time heatmap) and
/// <c>modelReleases</c> (marked on the timeline). Plain API fields: any client may use them.
/// </summary>
internal static class WorkbenchSchema
{
    /// <summary>Shared resources of each kind in <c>Cluster.graph</c> when the caller does not say (what the workbench asks for).</summary>
    public const int DefaultPerKind = 100;

    public static void Register(SchemaBuilder b, ObjectType cluster)
    {
        var resource = b.Object<SharedResourceMembers>("GraphResource", "A resource at least two members use, the members using it, and how many accounts outside the cluster use it too.");
        resource.Field("kind").Type(Types.NonNull(Types.String)).Description("PAYMENT_FINGERPRINT, IP, ASN, PROMPT_FINGERPRINT or CLIENT.").ResolveFrom<SharedResourceMembers>(r => r.Kind)
            .Field("value").Type(Types.NonNull(Types.String)).ResolveFrom<SharedResourceMembers>(r => r.Value)
            .Field("label").Type(Types.String).ResolveFrom<SharedResourceMembers>(r => r.Label)
            .Field("members").Type(Types.NonNullList(Types.ID)).ResolveFrom<SharedResourceMembers>(r => r.Members)
            .Field("outsideAccounts").Type(Types.NonNull(Types.Int)).ResolveFrom<SharedResourceMembers>(r => r.OutsideAccounts);

        var member = b.Object<ClusterGraphMember>("GraphMember", "A member and its place in the evidence tree.");
        member.Field("id").Type(Types.NonNull(Types.ID)).ResolveFrom<ClusterGraphMember>(m => m.Account)
            .Field("parent").Type(Types.ID).Description("The member one step closer to the core; null for the core and in unflagged clusters.").ResolveFrom<ClusterGraphMember>(m => m.Parent)
            .Field("depth").Type(Types.NonNull(Types.Int)).ResolveFrom<ClusterGraphMember>(m => m.Depth)
            .Field("matchedIndicators").Type(Types.NonNullList(Types.String)).ResolveFrom<ClusterGraphMember>(m => m.MatchedIndicators);

        var link = b.Object<ClusterGraphLink>("GraphLink", "An evidence link between two members (the detector's tree).");
        link.Field("from").Type(Types.NonNull(Types.ID)).ResolveFrom<ClusterGraphLink>(l => l.From)
            .Field("to").Type(Types.NonNull(Types.ID)).ResolveFrom<ClusterGraphLink>(l => l.To)
            .Field("rule").Type(Types.NonNull(Types.String)).ResolveFrom<ClusterGraphLink>(l => l.Rule)
            .Field("weight").Type(Types.NonNull(Types.Float)).ResolveFrom<ClusterGraphLink>(l => l.Weight);

        var compactMatch = b.Object<CompactClusterGraph.Match>("CompactGraphMatch", "A member (by index into CompactClusterGraph.members) and the operator indicators it matches.");
        compactMatch.Field("member").Type(Types.NonNull(Types.Int)).ResolveFrom<CompactClusterGraph.Match>(m => m.Member)
            .Field("indicators").Type(Types.NonNullList(Types.String)).ResolveFrom<CompactClusterGraph.Match>(m => m.Indicators);

        var compactResource = b.Object<CompactClusterGraph.Resource>("CompactGraphResource", "A shared resource, its users inside the cluster by member index, and how many accounts outside use it.");
        compactResource.Field("kind").Type(Types.NonNull(Types.String)).ResolveFrom<CompactClusterGraph.Resource>(r => r.Kind)
            .Field("value").Type(Types.NonNull(Types.String)).ResolveFrom<CompactClusterGraph.Resource>(r => r.Value)
            .Field("label").Type(Types.String).ResolveFrom<CompactClusterGraph.Resource>(r => r.Label)
            .Field("members").Type(Types.NonNullList(Types.Int)).Description("Indexes into CompactClusterGraph.members.").ResolveFrom<CompactClusterGraph.Resource>(r => r.Members)
            .Field("outsideAccounts").Type(Types.NonNull(Types.Int)).ResolveFrom<CompactClusterGraph.Resource>(r => r.OutsideAccounts);

        var compactLinks = b.Object<CompactClusterGraph.RuleLinks>("CompactGraphLinks", "The evidence links of one rule: link i joins members from[i] and to[i] (indexes) with weight weights[i].");
        compactLinks.Field("rule").Type(Types.NonNull(Types.String)).ResolveFrom<CompactClusterGraph.RuleLinks>(l => l.Rule)
            .Field("from").Type(Types.NonNullList(Types.Int)).ResolveFrom<CompactClusterGraph.RuleLinks>(l => l.From)
            .Field("to").Type(Types.NonNullList(Types.Int)).ResolveFrom<CompactClusterGraph.RuleLinks>(l => l.To)
            .Field("weights").Type(Types.NonNullList(Types.Float)).ResolveFrom<CompactClusterGraph.RuleLinks>(l => l.Weights);

        var compact = b.Object<CompactClusterGraph>(
            "CompactClusterGraph",
            "The same graph by member index, for drawing a large cluster in one small response: member ids once, everything else as indexes into them (a quarter of the bytes for 2,000 members).");
        compact.Field("members").Type(Types.NonNullList(Types.ID)).Description("Member ids; every other list refers to a member by its index here.").ResolveFrom<CompactClusterGraph>(g => g.Members)
            .Field("parents").Type(Types.NonNullList(Types.Int)).Description("Index of each member's parent in the evidence tree; -1 for the core and in unflagged clusters.").ResolveFrom<CompactClusterGraph>(g => g.Parents)
            .Field("depths").Type(Types.NonNullList(Types.Int)).Description("Each member's depth in the evidence tree.").ResolveFrom<CompactClusterGraph>(g => g.Depths)
            .Field("matched").Type(Types.NonNullList(compactMatch)).Description("The members that match an operator indicator (the others match none).").ResolveFrom<CompactClusterGraph>(g => g.Matched)
            .Field("resources").Type(Types.NonNullList(compactResource)).ResolveFrom<CompactClusterGraph>(g => g.Resources)
            .Field("links").Type(Types.NonNullList(compactLinks)).Description("The evidence links, one set per rule.").ResolveFrom<CompactClusterGraph>(g => g.Links);

        var graph = b.Object<ClusterGraph>("ClusterGraph", "A cluster as a picture: members, the resources they share and the evidence links.");
        // A graph is cached per run and cluster (ClusterGraphCache) and never changed, nor is its compact form: the engine
        // may reuse the serialised selection across requests (a megabyte of JSON for 2,000 members in the full form), kept
        // while the cache keeps the graph (ClusterGraphCache.Capacity graphs, at most 4 selections each).
        graph.ImmutableValues = true;
        graph.Field("members").Type(Types.NonNullList(member)).ResolveFrom<ClusterGraph>(g => g.Members)
            .Field("resources").Type(Types.NonNullList(resource)).ResolveFrom<ClusterGraph>(g => g.Resources)
            .Field("links").Type(Types.NonNullList(link)).ResolveFrom<ClusterGraph>(g => g.Links)
            .Field("resourcesTruncated").Type(Types.NonNull(Types.Boolean)).Description("True when a kind had more shared resources than asked for.").ResolveFrom<ClusterGraph>(g => g.ResourcesTruncated)
            .Field("compact").Type(Types.NonNull(compact)).Description("The same members, resources and links by member index (what the workbench draws from).").ResolveFrom<ClusterGraph>(CompactClusterGraph.Of);

        var row = b.Object<MemberActivityRow>("MemberActivityRow", "One member's non-empty buckets (offsets from the timeline's start) and their request counts.");
        row.Field("account").Type(Types.NonNull(Types.ID)).ResolveFrom<MemberActivityRow>(r => r.Account)
            .Field("buckets").Type(Types.NonNullList(Types.Int)).ResolveFrom<MemberActivityRow>(r => r.Buckets)
            .Field("requests").Type(Types.NonNullList(Types.Long)).ResolveFrom<MemberActivityRow>(r => r.Requests);

        var timeline = b.Object<MemberTimeline>("MemberTimeline", "Requests per member and hour or day; bucket i starts at start + i × bucketMillis.");
        // A timeline object is kept and handed out again until requests are added (RequestAggregates.MemberActivity),
        // and never changed: the engine may reuse its serialised selection (600 KiB hourly for 2,000 members).
        timeline.ImmutableValues = true;
        timeline.Field("start").Type(Types.DateTime).ResolveFrom<MemberTimeline>(t => t.Start)
            .Field("bucketMillis").Type(Types.NonNull(Types.Long)).ResolveFrom<MemberTimeline>(t => t.BucketMillis)
            .Field("bucketCount").Type(Types.NonNull(Types.Int)).ResolveFrom<MemberTimeline>(t => t.BucketCount)
            .Field("rows").Type(Types.NonNullList(row)).ResolveFrom<MemberTimeline>(t => t.Rows);

        b.Object<ModelRelease>("ModelRelease", "When a model was released.")
            .Field("model").Type(Types.NonNull(Types.String)).ResolveFrom<ModelRelease>(r => r.Model)
            .Field("releasedAt").Type(Types.NonNull(Types.DateTime)).ResolveFrom<ModelRelease>(r => r.ReleasedAt);

        cluster.Field("graph").Type(Types.NonNull(graph))
            .Description("Members, the payment fingerprints, IPs, ASNs, prompt fingerprints and clients at least two of them share, and the evidence links.")
            .Argument("perKind", Types.NonNull(Types.Int), DefaultPerKind).ArgumentDescription("At most this many shared resources of each kind (1 to 500), most shared first.")
            .Resolve((ctx, ct) => ctx.Send(new GetClusterGraphQuery(ctx.Parent<ClusterView>().Id, ctx.Arg<int>("perKind")), ct))
            .Field("memberActivity").Type(Types.NonNull(timeline)).Argument("granularity", Types.NonNull(Types.Named("ActivityGranularity")), ActivityGranularity.Day)
            .Description("Requests per member and hour or day (the members × time heatmap).")
            .Resolve((ctx, ct) => ctx.Send(new GetMemberActivityQuery(ctx.Parent<ClusterView>().Id, ctx.Arg<ActivityGranularity>("granularity")), ct));
    }

    /// <summary><c>modelReleases</c>, after the other queries (registered last so the committed SDL keeps its order).</summary>
    public static void RegisterQueries(SchemaBuilder b) =>
        b.Query.Field("modelReleases").Type(Types.NonNullList(Types.Named("ModelRelease"))).Description("Model releases, oldest first.")
            .Resolve((ctx, ct) => ctx.Send(new ListModelReleasesQuery(), ct));
}
