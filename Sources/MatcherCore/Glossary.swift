/// The domain's words and the names they have in code.
///
/// Where a Chinese term is the precise name of a thing, the code keeps its meaning and
/// gives it one English name, used everywhere:
///
/// | term | in code | meaning |
/// | --- | --- | --- |
/// | 报名号 | `registrationNo` | the family account's registration number on the portal |
/// | 积分主体 | `pointsSubject` | the parent whose records earn the family's points |
/// | 监护人 | `guardians` | guardians one and two |
/// | 区镇 | `town` | the town or district of the residence |
/// | 人社 | `Department.hrss` | pension, unemployment and work-injury insurance |
/// | 医保 | `Department.medical` | medical and maternity insurance |
/// | 社保个人编号 / 医保个人内码 | `personalNumber` | a person's number at 人社 / code at 医保 |
/// | 险种 | `insuranceType` | insurance type: 110, 210, 310, 410, 510 |
/// | 参保地 | `region` | the region code where contributions were paid |
/// | 参保年限 | `InsuranceMonths`, `PointsPolicy.Insurance` | insurance years |
/// | 房产年限 | `PointsPolicy.Property` | years of home ownership |
/// | 不动产权证 | `CertificateType.realEstate` | real-estate title certificate |
/// | 房屋所有权证 | `CertificateType.houseOwnership` | the older house-ownership certificate |
/// | 权利人 | `owner`, `ownerName` | registered owner |
/// | 共有方式 | `ownershipForm` | sole, joint or by-share ownership |
/// | 规划用途 | `plannedUse` | planned use: residential, commercial, ... |
/// | 坐落 | `address` | the registered address of a property |
/// | 幢 / 栋 / 号楼 | building words | three ways of writing "building" |
/// | 现势 / 注销 | `isLive` | live / cancelled registration |
/// | 撤销提交 | `ApplicationStatus.withdrawn` | a parent took the application back to edit it |
/// | 对接结果 | `MatchResult` | what the overnight sync found |
public enum Glossary {}
