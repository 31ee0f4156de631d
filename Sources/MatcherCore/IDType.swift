/// The kind of identity document a person's number belongs to.
public enum IDType: String, Hashable, Sendable, Codable, CaseIterable {
    /// 大陆居民身份证: the 18-digit resident identity number (GB 11643).
    case resident
    /// 护照.
    case passport
    /// 港澳台证件: permits and residence permits of Hong Kong, Macao and Taiwan residents.
    case hmt
    /// 其它.
    case other
}
