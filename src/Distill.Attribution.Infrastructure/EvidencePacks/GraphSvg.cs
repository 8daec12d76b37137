using System.Security;
using System.Text;

namespace Distill.Attribution.Infrastructure.EvidencePacks;

/// <summary>graph.svg: the cluster drawing as a standalone SVG (members blue, indicator matches red, shared values grey squares).</summary>
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
                .Append(toValue ? "\" stroke=\"#9aa5b1\"/>\n" : "\" stroke=\"#1f4e79\"/>\n");
        }

        svg.Append("</g>\n");
        var labels = drawing.Members.Length <= 200;
        for (var i = 0; i < drawing.Members.Length; i++)
        {
            var (x, y) = drawing.MemberAt(i);
            svg.Append("<circle cx=\"").Append(P(x)).Append("\" cy=\"").Append(P(y)).Append("\" r=\"4\" fill=\"")
                .Append(drawing.MemberMatched[i] ? "#c0392b" : "#2e86c1").Append("\"><title>account ")
                .Append(SecurityElement.Escape(drawing.Members[i])).Append("</title></circle>\n");
            if (labels)
            {
                svg.Append("<text x=\"").Append(P(x) + 6).Append("\" y=\"").Append(P(y)).Append("\">")
                    .Append(SecurityElement.Escape(drawing.Members[i])).Append("</text>\n");
            }
        }

        for (var i = 0; i < drawing.Values.Length; i++)
        {
            var (x, y) = drawing.ValueAt(i);
            svg.Append("<rect x=\"").Append(P(x) - 4).Append("\" y=\"").Append(P(y) - 4).Append("\" width=\"8\" height=\"8\" fill=\"#7f8c8d\"><title>")
                .Append(SecurityElement.Escape($"{drawing.ValueKinds[i]} {drawing.Values[i]}")).Append("</title></rect>\n");
        }

        svg.Append("<text x=\"10\" y=\"1030\" font-size=\"12\">● member   ● member matching an operator indicator   ■ shared value (payment, IP, template, client)</text>\n");
        svg.Append("</svg>\n");
        return Encoding.UTF8.GetBytes(svg.ToString());
    }

    private static int P(double unit) => (int)Math.Round(unit * Size);
}
