namespace Distill.Attribution.Synthetic;

/// <summary>Names, mail providers, countries, BINs, universities and companies the planners draw from.</summary>
internal static class Vocabulary
{
    public static readonly string[] FirstNames =
    [
        "Ana", "Ben", "Chen", "Dara", "Emeka", "Fatima", "Goran", "Hana", "Ivan", "Jun", "Kofi", "Lena", "Mateo", "Nadia",
        "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tara", "Uma", "Viktor", "Wei", "Ximena", "Yusuf", "Zoe", "Aiko", "Bruno",
        "Carla", "Dmitri", "Elif", "Felix", "Greta", "Hugo", "Ines", "Jonas", "Kira", "Luis", "Mia", "Nils",
    ];

    public static readonly string[] LastNames =
    [
        "Silva", "Okafor", "Wang", "Novak", "Schmidt", "Haddad", "Kim", "Rossi", "Dubois", "Tanaka", "Mensah", "Kowalski",
        "Garcia", "Ivanova", "Nguyen", "Olsen", "Patel", "Moreau", "Yilmaz", "Costa", "Brown", "Fischer", "Sato", "Lopez",
        "Ahmed", "Berg", "Cohen", "Diaz", "Eriksen", "Fontaine",
    ];

    public static readonly string[] CommonMail = ["gmail.com", "outlook.com", "yahoo.com", "proton.me", "icloud.com", "hotmail.com", "gmx.de", "mail.ru", "qq.com", "yandex.com"];

    public static readonly string[] Countries = ["US", "US", "US", "GB", "DE", "FR", "IN", "BR", "CA", "JP", "KR", "NL", "PL", "ES", "SG", "AU", "SE", "MX", "NG", "TR"];

    // BINs seen across every population: campaigns buy ordinary cards, so a BIN alone proves nothing.
    public static readonly string[] CommonBins = ["414720", "426684", "453275", "471604", "518791", "531993", "542418", "552433", "601100", "37828200"];

    public static readonly string[] Universities = ["northfield.edu", "uni-lindenau.de", "ecole-vauclair.fr", "kasamatsu-u.ac.jp", "riverton.ac.uk", "college-of-halden.edu"];

    public static readonly string[] UniversityNames = ["Northfield University", "Universität Lindenau", "École Vauclair", "Kasamatsu University", "Riverton College", "College of Halden"];

    public static readonly string[] Companies =
    [
        "Kettle & Rye, Inc.", "Blue Heron Analytics", "Mosaic Freight", "Quarry Labs", "Tidewater Insurance", "Orbit Legal",
        "Fennel Health", "Granite Bank", "Lumen Retail", "Parsec Games", "Saltmarsh Media", "Vireo Energy",
    ];
}
