import type { CodeList, CodeListEntry } from '../types.js';

/*
 * Land-use codes of the Land Law (mã loại đất), as written on land-use plans and cadastral records.
 *
 * Codes and names: Land Law 2013 as listed in Circular 27/2018/TT-BTNMT, plus the codes that the
 * Land Law 2024 / Circular 08/2024/TT-BTNMT (Phụ lục II) added; where a code lives on, its name
 * follows the 2024 wording. Old codes stay in the list because existing plans and cadastral
 * data still carry them (LUA with its sub-codes LUC/LUK/LUN, BHK/NHK, DDT/DDL, DSH, …).
 *
 * Colours: the background colours (màu nền) of the symbol standard for land-use status and
 * land-use planning maps (Ký hiệu bản đồ hiện trạng sử dụng đất và bản đồ quy hoạch sử dụng đất,
 * Circular 25/2014/TT-BTNMT, kept by later circulars), RGB values as transcribed by Esri Vietnam
 * (github Esrivn/Urban_planning, urbansearch/typeLand.tsx) and checked against common practice.
 * Exceptions, marked `analogy` below: LMU (the transcription gives black, which is not the
 * standard) and the 2024-only codes, which take the colour of their family until the new
 * symbol tables are checked. Verify against the circulars' PDF before printing legal maps.
 */

type Row = readonly [code: string, vi: string, en: string, color?: string];

const ROWS: readonly Row[] = [
  // Nhóm đất nông nghiệp — agricultural land
  ['LUA', 'Đất trồng lúa', 'Rice land', '#fffc82'],
  ['LUC', 'Đất chuyên trồng lúa', 'Specialised rice land (two or more crops)', '#fffc8c'],
  ['LUK', 'Đất trồng lúa còn lại', 'Other rice land', '#fffc96'],
  ['LUN', 'Đất trồng lúa nương', 'Upland rice land', '#fffcb4'],
  ['HNK', 'Đất trồng cây hằng năm khác', 'Other annual crop land', '#fff0b4'],
  ['BHK', 'Đất bằng trồng cây hằng năm khác', 'Flat land for other annual crops', '#fff0b4'],
  ['NHK', 'Đất nương rẫy trồng cây hằng năm khác', 'Swidden land for other annual crops', '#fff0b4'],
  ['CLN', 'Đất trồng cây lâu năm', 'Perennial crop land', '#ffd2a0'],
  ['RSX', 'Đất rừng sản xuất', 'Production forest land', '#b4ffb4'],
  ['RPH', 'Đất rừng phòng hộ', 'Protection forest land', '#beff1e'],
  ['RDD', 'Đất rừng đặc dụng', 'Special-use forest land', '#6eff64'],
  ['NTS', 'Đất nuôi trồng thủy sản', 'Aquaculture land', '#aaffff'],
  ['CNT', 'Đất chăn nuôi tập trung', 'Concentrated livestock farming land', '#fff0b4'], // analogy (2024)
  ['LMU', 'Đất làm muối', 'Salt-making land', '#f0f0f0'], // analogy
  ['NKH', 'Đất nông nghiệp khác', 'Other agricultural land', '#f5ffb4'],
  // Nhóm đất phi nông nghiệp — non-agricultural land
  ['ODT', 'Đất ở tại đô thị', 'Urban residential land', '#ffa0ff'],
  ['ONT', 'Đất ở tại nông thôn', 'Rural residential land', '#ffd0ff'],
  ['TSC', 'Đất xây dựng trụ sở cơ quan', 'Government office land', '#ffaaa0'],
  ['DTS', 'Đất xây dựng trụ sở của tổ chức sự nghiệp', 'Public service organisation office land', '#faaaa0'],
  ['CQP', 'Đất quốc phòng', 'Defence land', '#ff6450'],
  ['CAN', 'Đất an ninh', 'Security land', '#ff5046'],
  ['DVH', 'Đất xây dựng cơ sở văn hóa', 'Cultural facility land', '#ffaaa0'],
  ['DXH', 'Đất xây dựng cơ sở dịch vụ xã hội', 'Social service facility land', '#ffaaa0'],
  ['DYT', 'Đất xây dựng cơ sở y tế', 'Health facility land', '#ffaaa0'],
  ['DGD', 'Đất xây dựng cơ sở giáo dục và đào tạo', 'Education and training facility land', '#ffaaa0'],
  ['DTT', 'Đất xây dựng cơ sở thể dục, thể thao', 'Sports facility land', '#ffaaa0'],
  ['DKH', 'Đất xây dựng cơ sở khoa học và công nghệ', 'Science and technology facility land', '#ffaaa0'],
  ['DMT', 'Đất xây dựng cơ sở môi trường', 'Environmental facility land', '#ffaaa0'], // analogy (2024)
  ['DKT', 'Đất xây dựng cơ sở khí tượng thủy văn', 'Hydro-meteorological facility land', '#ffaaa0'], // analogy (2024)
  ['DNG', 'Đất xây dựng cơ sở ngoại giao', 'Diplomatic facility land', '#ffaaa0'],
  ['DSK', 'Đất xây dựng công trình sự nghiệp khác', 'Other public service facility land', '#ffaaa0'],
  ['SKK', 'Đất khu công nghiệp', 'Industrial park land', '#faaaa0'],
  ['SKN', 'Đất cụm công nghiệp', 'Industrial cluster land', '#faaaa0'],
  ['SKT', 'Đất khu chế xuất', 'Export processing zone land', '#faaaa0'],
  ['SCC', 'Đất khu công nghiệp, cụm công nghiệp', 'Industrial park and cluster land', '#faaaa0'], // analogy (2024)
  ['TMD', 'Đất thương mại, dịch vụ', 'Commercial and service land', '#faaaa0'],
  ['SKC', 'Đất cơ sở sản xuất phi nông nghiệp', 'Non-agricultural production land', '#faaaa0'],
  ['SKS', 'Đất sử dụng cho hoạt động khoáng sản', 'Mining land', '#cdaacd'],
  ['SKX', 'Đất sản xuất vật liệu xây dựng, làm đồ gốm', 'Building material and pottery production land', '#cdaacd'],
  ['DGT', 'Đất công trình giao thông', 'Transport land', '#ffaa32'],
  ['DTL', 'Đất công trình thủy lợi', 'Irrigation and water-works land', '#aaffff'],
  ['DCT', 'Đất công trình cấp nước, thoát nước', 'Water supply and drainage works land', '#aaffff'], // analogy (2024)
  ['DPC', 'Đất công trình phòng, chống thiên tai', 'Disaster prevention works land', '#ffaaa0'], // analogy (2024)
  ['DDT', 'Đất có di tích lịch sử – văn hóa', 'Historical and cultural relic land', '#ffaaa0'],
  ['DDL', 'Đất danh lam thắng cảnh', 'Scenic landscape land', '#ffaaa0'],
  [
    'DDD',
    'Đất có di tích lịch sử – văn hóa, danh lam thắng cảnh, di sản thiên nhiên',
    'Relic, scenic landscape and natural heritage land',
    '#ffaaa0',
  ], // analogy (2024)
  ['DSH', 'Đất sinh hoạt cộng đồng', 'Community activity land', '#ffaaa0'],
  ['DKV', 'Đất khu vui chơi, giải trí công cộng, sinh hoạt cộng đồng', 'Public recreation and community land', '#ffaaa0'],
  ['DNL', 'Đất công trình năng lượng, chiếu sáng công cộng', 'Energy and public lighting works land', '#ffaaa0'],
  [
    'DBV',
    'Đất công trình hạ tầng bưu chính, viễn thông, công nghệ thông tin',
    'Post, telecommunication and IT infrastructure land',
    '#ffaaa0',
  ],
  ['DCH', 'Đất chợ dân sinh, chợ đầu mối', 'Market land', '#ffaaa0'],
  ['DRA', 'Đất bãi thải, xử lý chất thải', 'Waste disposal and treatment land', '#cdaacd'],
  ['DCK', 'Đất công trình công cộng khác', 'Other public works land', '#ffaaa0'],
  ['TON', 'Đất tôn giáo', 'Religious land', '#faaaa0'],
  ['TIN', 'Đất tín ngưỡng', 'Belief (worship) land', '#ffaaa0'],
  [
    'NTD',
    'Đất nghĩa trang, nhà tang lễ, cơ sở hỏa táng; đất cơ sở lưu trữ tro cốt',
    'Cemetery, funeral home, crematorium and columbarium land',
    '#d2d2d2',
  ],
  ['SON', 'Đất có mặt nước dạng sông, ngòi, kênh, rạch, suối', 'Rivers, canals and streams', '#a0ffff'],
  ['MNC', 'Đất có mặt nước chuyên dùng', 'Special-use water surface', '#a0ffff'],
  ['PNK', 'Đất phi nông nghiệp khác', 'Other non-agricultural land', '#ffaaa0'],
  // Nhóm đất chưa sử dụng — unused land
  ['BCS', 'Đất bằng chưa sử dụng', 'Unused flat land', '#fffffe'],
  ['DCS', 'Đất đồi núi chưa sử dụng', 'Unused hilly land', '#fffffe'],
  ['NCS', 'Núi đá không có rừng cây', 'Rocky mountain without forest', '#e6e6c8'],
];

export const LAND_LAW_CODES: CodeList = {
  id: 'land_law_codes',
  label: { vi: 'Loại đất (theo Luật Đất đai)', en: 'Land category (Land Law)' },
  entries: ROWS.map(([code, vi, en, color]): CodeListEntry => ({ code, label: { vi, en }, color })),
};
