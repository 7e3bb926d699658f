/** README.txt of a published web map, for the portal administrator (Vietnamese, then English). */
import type { SiteManifest } from './site-format.js';

export function siteReadme(manifest: SiteManifest, counts: readonly { label: string; count: number }[]): string {
  const layers = counts.map((c) => `  - ${c.label}: ${c.count.toLocaleString('vi-VN')}`).join('\n');
  return `${manifest.title}
${'='.repeat(Math.min(manifest.title.length, 72))}

Bản đồ quy hoạch trực tuyến (chỉ xem) xuất từ PlanDesk ngày ${manifest.publishedAt.slice(0, 10)}.
Dự án: ${manifest.project.name} — ${manifest.project.province}
Hệ tọa độ: ${manifest.crs.code} ${manifest.crs.name}

Các lớp:
${layers}

CÁCH ĐĂNG TẢI (cho quản trị cổng thông tin)
- Thư mục này là một trang web tĩnh hoàn chỉnh: chép nguyên thư mục lên máy chủ web
  (IIS, Apache, nginx, …) vào một đường dẫn bất kỳ, ví dụ /ban-do-quy-hoach/, rồi mở index.html.
- Không cần cơ sở dữ liệu, PHP hay dịch vụ nào khác; trang không gọi ra Internet
  (không dùng CDN, không dùng bản đồ nền trực tuyến).
- Mọi đường dẫn là tương đối: có thể đổi tên hoặc chuyển thư mục.
- Không mở trực tiếp index.html từ ổ đĩa (file://): trình duyệt chặn việc đọc dữ liệu; hãy dùng máy chủ web.
  Thử nhanh trên máy: python3 -m http.server 8080 (trong thư mục này), rồi mở http://localhost:8080/
- Nên bật nén gzip/brotli cho .json và .js (dữ liệu giảm 5–10 lần).
- Cập nhật: xuất lại bằng "plandesk publish … --out <thư mục> --force" và chép đè toàn bộ thư mục.

Nội dung:
  index.html, assets/     trang xem bản đồ
  data/site.json          thông tin dự án, hệ tọa độ, kiểu hiển thị và chú giải các lớp
  data/layers/*.json      dữ liệu từng lớp (GeoJSON, hệ tọa độ ${manifest.crs.code}, làm tròn 1 cm)
  data/search.json        chỉ mục tìm kiếm (tờ/thửa, địa chỉ, tên đường, ký hiệu ô đất)

---------------------------------------------------------------------------------------------
English
Read-only planning web map published by PlanDesk on ${manifest.publishedAt.slice(0, 10)}.
Hosting: copy this whole folder to any static web server (IIS, Apache, nginx, …) under any path
and open index.html. No database or server-side code; the page makes no requests outside its
own folder. Paths are relative. It does not work from file:// (browsers block reading the data
files); test locally with \`python3 -m http.server\` in this folder. Enable gzip for .json/.js.
To update, publish again with --force and replace the whole folder.
`;
}
