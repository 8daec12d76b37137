using System.Security;
using System.Text;

namespace Distill.Attribution.EvidencePacks;

/// <summary>
/// graph.svg: the cluster drawing as a standalone SVG, in the report's colours (<see cref="PackColours"/>): members
/// blue circles, members matching an operator indicator red, shared values grey squares; each node carries its
/// key (M1…, S1…, as in the report's key table) and, up to 200 members, its account id or value.
/// </summary>
internal static class GraphSvg
{
    private const double Size = 1000;

    public static byte[] Write(ClusterDrawing drawing, string title)
    {
        var svg = new StringBuilder(4096 + (drawing.Edges.Length * 90) + (drawing.Members.Length * 160));
        svg.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1000\" height=\"1040\" viewBox=\"0 0 1000 1040\" font-family=\"sans-serif\" font-size=\"9\">\n");
        svg.Append("<title>").Append(SecurityElement.Escape(title)).Append("</title>\n");
        svg.Append("<rect width=\"1000\" height=\"1040\" fill=\"white\"/>\n<g stroke-width=\"0.6\">\n");
        foreach (var (from, to, toValue) in drawing.Edges)
        {
            var (x1, y1) = drawing.MemberAt(from);
            var (x2, y2) = toValue ? drawing.ValueAt(to) : drawing.MemberAt(to);
            svg.Append("<line x1=\"").Append(P(x1)).Append("\" y1=\"").Append(P(y1)).Append("\" x2=\"").Append(P(x2)).Append("\" y2=\"").Append(P(y2))
                .Append("\" stroke=\"").Append(toValue ? PackColours.ValueLinkHex : PackColours.MemberLinkHex).Append("\"/>\n");
        }

        svg.Append("</g>\n");
        var labels = drawing.Members.Length <= 200;
        for (var i = 0; i < drawing.Members.Length; i++)
        {
            var (x, y) = drawing.MemberAt(i);
            svg.Append("<circle cx=\"").Append(P(x)).Append("\" cy=\"").Append(P(y)).Append("\" r=\"4\" fill=\"")
                .Append(drawing.MemberMatched[i] ? PackColours.MatchedHex : PackColours.MemberHex).Append("\"><title>account ")
                .Append(SecurityElement.Escape(drawing.Members[i])).Append("</title></circle>\n");
            if (labels)
            {
                svg.Append("<text x=\"").Append(P(x) + 6).Append("\" y=\"").Append(P(y)).Append("\">")
                    .Append(ClusterDrawing.MemberKey(i)).Append(' ').Append(SecurityElement.Escape(drawing.Members[i])).Append("</text>\n");
            }
        }

        for (var i = 0; i < drawing.Values.Length; i++)
        {
            var (x, y) = drawing.ValueAt(i);
            svg.Append("<rect x=\"").Append(P(x) - 4).Append("\" y=\"").Append(P(y) - 4).Append("\" width=\"8\" height=\"8\" fill=\"").Append(PackColours.ValueHex).Append("\"><title>")
                .Append(SecurityElement.Escape($"{ClusterDrawing.ValueKey(i)} {drawing.ValueKinds[i]} {drawing.Values[i]}")).Append("</title></rect>\n");
            if (labels)
            {
                svg.Append("<text x=\"").Append(P(x) + 6).Append("\" y=\"").Append(P(y) + 3).Append("\" fill=\"#555555\">").Append(ClusterDrawing.ValueKey(i)).Append("</text>\n");
            }
        }

        svg.Append("<g font-size=\"12\"><circle cx=\"16\" cy=\"1026\" r=\"5\" fill=\"").Append(PackColours.MemberHex).Append("\"/><text x=\"26\" y=\"1030\">member</text>")
            .Append("<circle cx=\"106\" cy=\"1026\" r=\"5\" fill=\"").Append(PackColours.MatchedHex).Append("\"/><text x=\"116\" y=\"1030\">member matching an operator indicator</text>")
            .Append("<rect x=\"361\" y=\"1021\" width=\"10\" height=\"10\" fill=\"").Append(PackColours.ValueHex).Append("\"/><text x=\"376\" y=\"1030\">shared value (payment, IP, template, client)</text>")
            .Append("<line x1=\"660\" y1=\"1026\" x2=\"690\" y2=\"1026\" stroke=\"").Append(PackColours.MemberLinkHex).Append("\"/><text x=\"696\" y=\"1030\">evidence link</text>")
            .Append("<line x1=\"790\" y1=\"1026\" x2=\"820\" y2=\"1026\" stroke=\"").Append(PackColours.ValueLinkHex).Append("\"/><text x=\"826\" y=\"1030\">uses value</text></g>\n");
        svg.Append("</svg>\n");
        return Encoding.UTF8.GetBytes(svg.ToString());
    }

    private static int P(double unit) => (int)Math.Round(unit * Size);
}
