import MatcherFeeds
import Testing

@Suite("Text decoding")
struct TextEncodingTests {
    @Test(arguments: [
        ("UTF-8", TextEncoding.utf8), ("utf8", .utf8), (" utf-8 ", .utf8), ("UTF_8", .utf8),
        ("GB18030", .gb18030), ("gb18030", .gb18030), ("GBK", .gb18030), ("gbk", .gb18030),
        ("GB2312", .gb18030), ("CP936", .gb18030),
    ])
    func manifestLabelsAreReadTolerantly(label: String, expected: TextEncoding) {
        #expect(TextEncoding(label: label) == expected)
    }

    @Test(arguments: ["", "BIG5", "latin1", "UTF-16", "GB"])
    func unknownLabelsAreRefused(label: String) {
        #expect(TextEncoding(label: label) == nil)
    }

    @Test
    func utf8ChineseDecodes() throws {
        let decoder = try FieldDecoder(encoding: .utf8)

        #expect(try decoder.decode(Array("周建国·𠀀".utf8)) == "周建国·𠀀")
    }

    @Test(
        arguments: [
            [0xC3, 0x28], [0xE4, 0xB8], [0xFF], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0x61, 0x80],
        ] as [[UInt8]]
    )
    func invalidUTF8IsAnErrorNamingTheBytes(bytes: [UInt8]) throws {
        let decoder = try FieldDecoder(encoding: .utf8)

        let error = try #require(throws: FeedReadError.self) {
            try decoder.decode(bytes)
        }

        #expect(error.code == .invalidText)
        let offset = try #require(error.byteOffset)
        let hex = String(bytes[offset], radix: 16, uppercase: true)
        #expect(error.message.contains(hex))
        #expect(error.message.contains("UTF-8"))
    }

    @Test
    func invalidUTF8ReportsTheOffsetOfTheFirstBadByte() throws {
        let error = try #require(throws: FeedReadError.self) {
            try TextEncoding.utf8.decode(Array("王".utf8) + [0xE9, 0x9D] + Array("a".utf8))
        }

        #expect(error.byteOffset == 3)
        #expect(error.message.contains("E9 9D"))
    }

    @Test
    func gb18030HeaderBytesDecode() throws {
        // 个人编号,姓名 as GB 18030, written out by hand.
        let bytes: [UInt8] = [
            0xB8, 0xF6, 0xC8, 0xCB, 0xB1, 0xE0, 0xBA, 0xC5, 0x2C, 0xD0, 0xD5, 0xC3, 0xFB,
        ]

        #expect(try TextEncoding.gb18030.decode(bytes) == "个人编号,姓名")
    }

    @Test(arguments: [0x20000, 0x21484, 0x20BB7, 0x2A6D6, 0x10FFFF] as [UInt32])
    func gb18030FourByteSupplementaryCharactersDecode(scalar: UInt32) throws {
        let decoder = try FieldDecoder(encoding: .gb18030)
        let bytes = gb18030FourBytes(ofSupplementary: scalar)
        let expected = String(try #require(Unicode.Scalar(scalar)))

        #expect(try decoder.decode(bytes) == expected)
    }

    @Test(arguments: [
        "周建国", "𠀀", "王𡒄", "吉𠮷", "刘䶮", "张堃", "陶喆", "李赟", "王昇", "阿依古丽·买买提",
        "SB0001", "",
    ])
    func gb18030RoundTripsNames(name: String) throws {
        let decoder = try FieldDecoder(encoding: .gb18030)

        #expect(try decoder.decode(try gb18030Bytes(name)) == name)
    }

    @Test(
        arguments: [[0x81], [0x81, 0x20], [0xFF], [0x61, 0x81, 0x30, 0x81], [0x80]] as [[UInt8]]
    )
    func invalidGB18030IsAnErrorNamingTheBytes(bytes: [UInt8]) throws {
        let decoder = try FieldDecoder(encoding: .gb18030)

        let error = try #require(throws: FeedReadError.self) {
            try decoder.decode(bytes)
        }

        #expect(error.code == .invalidText)
        #expect(error.message.contains("GB18030"))
        let offset = try #require(error.byteOffset)
        #expect(error.message.contains(String(bytes[offset], radix: 16, uppercase: true)))
    }

    @Test
    func gb18030DecoderRecoversAfterAnError() throws {
        let decoder = try FieldDecoder(encoding: .gb18030)
        let good = try gb18030Bytes("孙伟𠀀")

        _ = try? decoder.decode([0xB8])
        _ = try? decoder.decode([0x81, 0x30])

        #expect(try decoder.decode(good) == "孙伟𠀀")
    }

    @Test
    func gb18030DecoderHandlesFieldsLongerThanItsBuffer() throws {
        let decoder = try FieldDecoder(encoding: .gb18030)
        let text = String(repeating: "昆山市玉山镇𠀀", count: 500)

        #expect(try decoder.decode(try gb18030Bytes(text)) == text)
    }

    @Test
    func gb18030FileDecodesExactlyThroughTheReader() throws {
        let directory = try CSVTestDirectory()
        let text =
            "个人编号,姓名,公民身份号码\r\nSB0001,王𡒄,34122119850315103X\r\n"
            + "SB0002,\"吉𠮷,䶮\",320583201001011234\r\n"
        let path = try directory.write(try gb18030Bytes(text))
        let decoder = try FieldDecoder(encoding: .gb18030)
        let reader = try CSVReader(path: path, chunkSize: 5)
        var rows: [[String]] = []

        while let record = try reader.nextRecord() {
            rows.append(try record.strings(decoder: decoder))
        }

        #expect(
            rows == [
                ["个人编号", "姓名", "公民身份号码"],
                ["SB0001", "王𡒄", "34122119850315103X"],
                ["SB0002", "吉𠮷,䶮", "320583201001011234"],
            ]
        )
    }

    @Test
    func invalidFieldTextNamesFileLineAndField() throws {
        let directory = try CSVTestDirectory()
        let bytes = Array("id,name\n1,".utf8) + [0xE5, 0x91] + Array("\n".utf8)
        let path = try directory.write(bytes)
        let decoder = try FieldDecoder(encoding: .utf8)
        let reader = try CSVReader(path: path)
        _ = try reader.nextRecord()
        let record = try #require(try reader.nextRecord())

        let error = try #require(throws: FeedReadError.self) {
            try record.string(1, decoder: decoder)
        }

        #expect(error.code == .invalidText)
        #expect(error.path == path)
        #expect(error.line == 2)
        #expect(error.byteOffset == 10)
        #expect(error.message.contains("field 2"))
        #expect(error.message.contains("E5 91"))
    }
}
