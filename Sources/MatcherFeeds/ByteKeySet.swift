import Foundation

/// A set of keys looked up by their UTF-8 bytes, without making a `String` of the candidate.
///
/// A delivery holds millions of rows and a run needs a few percent of them: most lookups
/// miss, so what a miss costs decides how fast a delivery is read. A `Set<String>` needs a
/// `String` per candidate and hashes it with SipHash; this set hashes the field's bytes in
/// place, eight at a time, and compares bytes only when a slot's stored hash bits agree.
/// A miss reads only a table of 8-bit tags, an eighth of the slots' size: while a file
/// streams through the caches, the tags of a night's keys stay in them, and a lookup that
/// had to wait for memory cost more than splitting the row. A tag agrees by chance once in
/// 255 probes, and only then is the slot read. It is built once and only read
/// after, so it may be shared between threads.
final class ByteKeySet: @unchecked Sendable {
    // Unchecked: the memory is written in `init` only and read-only afterwards.
    /// Every key's bytes, one after another.
    private let storage: UnsafeMutableBufferPointer<UInt8>
    /// Per key `i`: its bytes are `storage[bounds[i]..<bounds[i + 1]]`.
    private let bounds: UnsafeMutableBufferPointer<Int>
    /// Open addressing with linear probing: a slot holds the key's hash in its upper 32
    /// bits and the key's index plus one in its lower 32, or 0 when empty.
    private let slots: UnsafeMutableBufferPointer<UInt64>
    /// Per slot: bits 56 to 63 of its key's hash, 0 taken as 1, or 0 when empty; only
    /// where the tag agrees is the slot itself read.
    private let tags: UnsafeMutableBufferPointer<UInt8>
    private let slotMask: Int
    let count: Int

    init(_ keys: some Collection<String>) {
        var bytes: [UInt8] = []
        var offsets = [0]
        for key in keys {
            bytes += key.utf8
            offsets.append(bytes.count)
        }
        storage = .allocate(capacity: max(bytes.count, 1))
        _ = storage.initialize(from: bytes)
        bounds = .allocate(capacity: offsets.count)
        _ = bounds.initialize(from: offsets)
        count = offsets.count - 1
        // At most half the slots are taken, so a miss ends after a probe or two.
        var capacity = 16
        while capacity < count * 2 {
            capacity *= 2
        }
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: 0)
        tags = .allocate(capacity: capacity)
        tags.initialize(repeating: 0)
        slotMask = capacity - 1
        for index in 0..<count {
            let key = self.key(index)
            let hash = Self.hash(key)
            var slot = Int(truncatingIfNeeded: hash) & slotMask
            var isDuplicate = false
            while slots[slot] != 0 {
                if self.matches(slots[slot], hash: hash, key) {
                    isDuplicate = true
                    break
                }
                slot = (slot + 1) & slotMask
            }
            if !isDuplicate {
                slots[slot] = (hash & 0xFFFF_FFFF_0000_0000) | UInt64(index + 1)
                tags[slot] = Self.tag(hash)
            }
        }
    }

    deinit {
        storage.deallocate()
        bounds.deallocate()
        slots.deallocate()
        tags.deallocate()
    }

    var isEmpty: Bool {
        count == 0
    }

    /// Whether a key has exactly these bytes.
    func contains(_ candidate: UnsafeBufferPointer<UInt8>) -> Bool {
        let hash = Self.hash(candidate)
        let tag = Self.tag(hash)
        var slot = Int(truncatingIfNeeded: hash) & slotMask
        while true {
            let found = tags[slot]
            if found == 0 {
                return false
            }
            if found == tag && matches(slots[slot], hash: hash, candidate) {
                return true
            }
            slot = (slot + 1) & slotMask
        }
    }

    /// The tag of a hash: never 0, which marks an empty slot.
    @inline(__always)
    private static func tag(_ hash: UInt64) -> UInt8 {
        max(1, UInt8(truncatingIfNeeded: hash >> 56))
    }

    /// Whether a key equals `key`'s UTF-8 bytes.
    func contains(_ key: String) -> Bool {
        var key = key
        return key.withUTF8 { contains($0) }
    }

    private func key(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: storage[bounds[index]..<bounds[index + 1]])
    }

    private func matches(_ entry: UInt64, hash: UInt64, _ candidate: UnsafeBufferPointer<UInt8>)
        -> Bool
    {
        guard entry & 0xFFFF_FFFF_0000_0000 == hash & 0xFFFF_FFFF_0000_0000 else {
            return false
        }
        let stored = key(Int(entry & 0xFFFF_FFFF) - 1)
        guard stored.count == candidate.count else { return false }
        guard let left = stored.baseAddress, let right = candidate.baseAddress else {
            return stored.isEmpty
        }
        return memcmp(left, right, stored.count) == 0
    }

    /// Eight bytes at a time, each word mixed by a multiply and a rotation, and the length
    /// folded in so that a key is never confused with its own prefix.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        guard let start = bytes.baseAddress else { return mix(hash) }
        let raw = UnsafeRawPointer(start)
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            hash = (hash ^ mix(word)) &* 0xBF58_476D_1CE4_E5B9
            hash = (hash << 27) | (hash >> 37)
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            tail |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
        }
        return mix(hash ^ mix(tail))
    }

    /// The finaliser of SplitMix64: every input bit moves every output bit.
    private static func mix(_ value: UInt64) -> UInt64 {
        var value = value
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// Lookups in a ``ByteKeySet`` that remember the last key asked for.
///
/// A department's contributions come grouped by person, several rows in a row under one
/// personal number, so asking again for the key just asked for is the common case; a
/// comparison with it costs less than the set's hash and probe. The answer is the set's
/// whatever the order of the rows.
final class RememberingKeyLookup {
    let keys: ByteKeySet
    /// The last key asked for, when it fit; `lastCount` is -1 before the first question.
    private let last: UnsafeMutablePointer<UInt8>
    private var lastCount = -1
    private var lastAnswer = false
    /// Whether the last key was asked for through ``containsPlain(_:)``, so is plain.
    private var lastIsPlain = false
    private static let longestRemembered = 64

    init(_ keys: ByteKeySet) {
        self.keys = keys
        last = .allocate(capacity: Self.longestRemembered)
    }

    deinit {
        last.deallocate()
    }

    /// Whether a key has exactly these bytes.
    func contains(_ candidate: UnsafeBufferPointer<UInt8>) -> Bool {
        if isLast(candidate) {
            return lastAnswer
        }
        lastIsPlain = false
        lastAnswer = keys.contains(candidate)
        if let base = candidate.baseAddress, candidate.count <= Self.longestRemembered {
            last.update(from: base, count: candidate.count)
            lastCount = candidate.count
        } else {
            lastCount = candidate.isEmpty ? 0 : -1
        }
        return lastAnswer
    }

    /// Whether a key has exactly the bytes of `field`, when they are printable ASCII without
    /// spaces (see ``CSVRecord/plainASCII(_:)``); nil for a field of any other form, which
    /// the caller must decode to look up.
    func containsPlain(_ field: UnsafeBufferPointer<UInt8>) -> Bool? {
        // Bytes equal to a plain key are plain too.
        if lastIsPlain, isLast(field) {
            return lastAnswer
        }
        guard !field.isEmpty else { return nil }
        for byte in field where byte <= 0x20 || byte >= 0x7F {
            return nil
        }
        let answer = contains(field)
        lastIsPlain = true
        return answer
    }

    @inline(__always)
    private func isLast(_ candidate: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = candidate.count
        guard count == lastCount else { return false }
        guard let right = candidate.baseAddress else { return true }
        var offset = 0
        while offset + 8 <= count {
            let a = UnsafeRawPointer(last).loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            let b = UnsafeRawPointer(right).loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            guard a == b else { return false }
            offset += 8
        }
        while offset < count {
            guard last[offset] == right[offset] else { return false }
            offset += 1
        }
        return true
    }
}
